package net.anycastdns.server.monitoring;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Lets through at most one log line per interval for events that a client can cause at will
 * (refused transfers, bad signatures, failing queries), so that no flood of packets becomes a flood
 * of log lines; the line that gets through says how many were not logged since the one before.
 * Lock-free: an event costs a counter increment and, once per interval, one compare-and-set.
 */
public final class LogLimiter {
  /** What {@link #event()} returns when this event is not to be logged. */
  public static final long SUPPRESSED = -1;

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final LongAdder events = new LongAdder();
  private final AtomicLong logged = new AtomicLong();
  private final AtomicLong lastLogged;

  /**
   * @param intervalNanos the shortest time between two lines
   * @param nanoTime the clock ({@code System::nanoTime}; a test's own)
   */
  public LogLimiter(long intervalNanos, LongSupplier nanoTime) {
    this.intervalNanos = intervalNanos;
    this.nanoTime = nanoTime;
    this.lastLogged = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
  }

  /**
   * Counts one event.
   *
   * @return {@link #SUPPRESSED} when it is not to be logged; otherwise how many events went
   *     unlogged since the last line (0 or more), for the line to say
   */
  public long event() {
    events.increment();
    long now = nanoTime.getAsLong();
    long last = lastLogged.get();
    if (now - last < intervalNanos || !lastLogged.compareAndSet(last, now)) {
      return SUPPRESSED;
    }
    long total = events.sum();
    return Math.max(0, total - logged.getAndSet(total) - 1);
  }

  /** Events counted so far, logged or not. */
  public long count() {
    return events.sum();
  }

  /** {@code "; 3 more since the last such line"}, or nothing. */
  public static String more(long unlogged) {
    return unlogged > 0 ? "; " + unlogged + " more since the last such line" : "";
  }
}
