package net.anycastdns.server.query;

import java.util.function.LongSupplier;
import net.anycastdns.server.monitoring.LogLimiter;
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

  private final LogLimiter limiter;

  InternalErrors(LongSupplier nanoTime) {
    this.limiter = new LogLimiter(INTERVAL_NANOS, nanoTime);
  }

  /** Counts {@code e}, and logs it when no line was written within the interval. */
  void failed(RuntimeException e, int length) {
    long unlogged = limiter.event();
    if (unlogged != LogLimiter.SUPPRESSED) {
      log.error(
          "internal error answering a query ({} octets), answered SERVFAIL{}",
          length,
          LogLimiter.more(unlogged),
          e);
    }
  }

  long count() {
    return limiter.count();
  }
}
