package net.anycastdns.geo;

import java.time.Duration;

/**
 * A service's {@code check:}: connect over TCP to each of its addresses at {@code port} every
 * {@code interval}; an attempt not connected within {@code timeout} failed. {@code fall} failures
 * in a row take an address out of the answers, {@code rise} successes in a row bring it back, so
 * one lost SYN neither drops a PoP nor does one lucky connect restore a flapping one.
 *
 * @param port TCP port, 1 to 65535
 * @param interval time between the starts of two checks of one address
 * @param timeout how long one connect may take; not longer than {@code interval}
 * @param rise consecutive successes that make a down address up, at least 1
 * @param fall consecutive failures that make an up address down, at least 1
 */
record HealthCheck(int port, Duration interval, Duration timeout, int rise, int fall) {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  static final int DEFAULT_RISE = 2;
  static final int DEFAULT_FALL = 3;
}
