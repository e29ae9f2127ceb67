package net.anycastdns.geo;

import java.net.InetAddress;

/**
 * What the health checks currently say. Implementations are read from query threads and must be
 * thread-safe and cheap; {@link GeoResolver} asks them only when it computes a new decision.
 */
public interface HealthView {
  /** Every address healthy: for a server without checks, and for {@code geo-test}. */
  HealthView ALL_HEALTHY =
      new HealthView() {
        @Override
        public boolean healthy(String pop, InetAddress address) {
          return true;
        }

        @Override
        public long generation() {
          return 0;
        }
      };

  /** Whether {@code address} of {@code pop} passes its checks; unchecked addresses are healthy. */
  boolean healthy(String pop, InetAddress address);

  /**
   * A number that changes whenever any answer of {@link #healthy} changes. Cached decisions are
   * keyed by it, so a change makes every decision computed before it unreachable at once.
   */
  long generation();
}
