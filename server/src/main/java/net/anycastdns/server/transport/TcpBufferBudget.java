package net.anycastdns.server.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all TCP connections together may hold in answers waiting to be sent and queries
 * waiting to be answered ({@code tcp-buffer-memory}). Each connection tells it how much it holds
 * after each read batch and whenever its client starts or stops reading (not per query); one whose
 * client is not reading, and which makes the total go over the limit, is closed. A connection whose
 * answers leave as fast as they are written never holds anything for long, and is never closed for
 * it.
 */
final class TcpBufferBudget {
  private final long limit;
  private final AtomicLong held = new AtomicLong();

  TcpBufferBudget(long limit) {
    this.limit = limit;
  }

  /**
   * Adds {@code delta} (negative: freed) to what is held.
   *
   * @return false when the total is then over the limit
   */
  boolean add(long delta) {
    return held.addAndGet(delta) <= limit;
  }

  /** Octets held now, over all connections. */
  long held() {
    return held.get();
  }
}
