package net.anycastdns.sidecar.health;

import java.time.Duration;

/**
 * The hysteresis, with the meaning operators know from ExaBGP's healthcheck and
 * anycast-healthchecker.
 *
 * @param interval time between self-tests while nothing is about to change
 * @param fastInterval time between self-tests while a change is pending (some failures while
 *     announced, some successes while withdrawn), so that a real failure is acted on sooner
 * @param rise consecutive successes before announcing
 * @param fall consecutive failures before withdrawing
 * @param drainDelay how long a drain announces GRACEFUL_SHUTDOWN before withdrawing
 */
public record HealthPolicy(
    Duration interval, Duration fastInterval, int rise, int fall, Duration drainDelay) {

  public HealthPolicy {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (fastInterval.isNegative()
        || fastInterval.isZero()
        || fastInterval.compareTo(interval) > 0) {
      throw new IllegalArgumentException("fast-interval must be positive and at most interval");
    }
    if (rise < 1 || fall < 1) {
      throw new IllegalArgumentException("rise and fall must be at least 1");
    }
    if (drainDelay.isNegative()) {
      throw new IllegalArgumentException("drain-delay must not be negative");
    }
  }
}
