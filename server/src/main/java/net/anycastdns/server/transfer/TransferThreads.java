package net.anycastdns.server.transfer;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import net.anycastdns.common.LowPriority;

/**
 * The threads that send transfers: daemons named {@code transfer-N}, each of which lowers its own
 * scheduling priority ({@link LowPriority}) as it starts, so that when the CPU is short a query
 * thread always runs before a transfer. Sending a large zone is seconds of work; answering a query
 * is microseconds that must not wait behind it.
 */
final class TransferThreads implements ThreadFactory {
  private final AtomicInteger count = new AtomicInteger();

  @Override
  public Thread newThread(Runnable r) {
    Thread t =
        new Thread(
            () -> {
              LowPriority.lowerCurrentThread();
              r.run();
            },
            "transfer-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
