package net.anycastdns.server.query;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries that failed inside the server and were answered SERVFAIL: counted, and logged with their
 * exception, at most one line per {@link #INTERVAL_NANOS} so that a bug hit by every query cannot
 * flood the log (the line says how many more failed since the one before).
 */
final class InternalErrors {
  private static final Logger log = LoggerFactory.getLogger(InternalErrors.class);
  static final long INTERVAL_NANOS = 10_000_000_000L;

  private final LongAdder count = new LongAdder();
  private final AtomicLong lastLogged;
  private final AtomicLong logged = new AtomicLong();
  private final LongSupplier nanoTime;

  InternalErrors(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.lastLogged = new AtomicLong(nanoTime.getAsLong() - INTERVAL_NANOS);
  }

  /** Counts {@code e}, and logs it when no line was written within the interval. */
  void failed(RuntimeException e, int length) {
    count.increment();
    long now = nanoTime.getAsLong();
    long last = lastLogged.get();
    if (now - last >= INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
      long total = count.sum();
      long unlogged = total - logged.getAndSet(total) - 1;
      log.error(
          "internal error answering a query ({} octets), answered SERVFAIL{}",
          length,
          unlogged > 0 ? "; " + unlogged + " more since the last such line" : "",
          e);
    }
  }

  long count() {
    return count.sum();
  }
}
