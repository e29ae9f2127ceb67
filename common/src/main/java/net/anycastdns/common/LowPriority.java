package net.anycastdns.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the scheduling priority of the calling thread, for threads doing seconds of background
 * work (sending a zone transfer, signing a zone) on the cores that answer queries in microseconds:
 * when the CPU is short, a query thread then runs first.
 *
 * <p>Linux keeps a nice value per thread, and any thread may lower its own priority, but Java has
 * no call for it ({@link Thread#setPriority} is ignored unless the JVM runs as root): the thread
 * finds its id in {@code /proc/thread-self} and runs {@code renice} on it, once. Where either is
 * missing (not Linux), the thread keeps the normal priority.
 */
public final class LowPriority {
  /** The nice value background threads take. */
  public static final int NICE = 10;

  private LowPriority() {}

  /** Sets the nice value of the calling thread to {@value #NICE}, if the system lets it. */
  public static void lowerCurrentThread() {
    try {
      // "PID/task/TID": the last part is this thread's id.
      String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
      Process p =
          new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not Linux, or no renice: the thread runs at the normal priority.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
