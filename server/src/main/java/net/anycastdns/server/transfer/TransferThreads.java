package net.anycastdns.server.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that send transfers: daemons named {@code transfer-N}, each of which lowers its own
 * scheduling priority (nice {@value #NICE}) as it starts, so that when the CPU is short a query
 * thread always runs before a transfer. Sending a large zone is seconds of work; answering a query
 * is microseconds that must not wait behind it.
 *
 * <p>Linux keeps a nice value per thread, and any thread may lower its own priority, but Java has
 * no call for it ({@link Thread#setPriority} is ignored unless the JVM runs as root): the thread
 * finds its id in {@code /proc/thread-self} and runs {@code renice} on it, once. Where either is
 * missing (not Linux), the thread keeps the normal priority.
 */
final class TransferThreads implements ThreadFactory {
  static final int NICE = 10;

  private final AtomicInteger count = new AtomicInteger();

  @Override
  public Thread newThread(Runnable r) {
    Thread t =
        new Thread(
            () -> {
              lowerPriority();
              r.run();
            },
            "transfer-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  /** Sets the nice value of the calling thread to {@value #NICE}, if the system lets it. */
  static void lowerPriority() {
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
      // Not Linux, or no renice: the transfer runs at the normal priority.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
