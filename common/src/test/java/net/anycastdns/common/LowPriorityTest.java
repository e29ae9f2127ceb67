package net.anycastdns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A thread that asks for a lower priority gets nice {@value LowPriority#NICE}, and only that
 * thread: the one that started it keeps its own (Linux keeps a nice value per thread).
 */
class LowPriorityTest {
  @Test
  void theCallingThreadAloneIsReniced() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "not Linux: no per-thread nice");
    int before = niceOfThisThread();
    AtomicInteger after = new AtomicInteger(Integer.MIN_VALUE);
    Thread t =
        new Thread(
            () -> {
              LowPriority.lowerCurrentThread();
              try {
                after.set(niceOfThisThread());
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    t.start();
    t.join();

    assertEquals(Math.max(before, LowPriority.NICE), after.get());
    assertEquals(before, niceOfThisThread(), "the starting thread keeps its priority");
  }

  /** Field 19 of /proc/thread-self/stat, after the command name in parentheses. */
  private static int niceOfThisThread() throws IOException {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[16]);
  }
}
