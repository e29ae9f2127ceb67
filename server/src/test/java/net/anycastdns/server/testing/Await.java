package net.anycastdns.server.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for a condition that nothing signals (a sync on a poll, a health check's verdict, a gauge),
 * checking often and failing with what was awaited after a generous deadline: tests wait on
 * conditions, never for a fixed time.
 */
public final class Await {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private Await() {}

  /** Waits until {@code condition} holds; fails after 10 s saying it is still not {@code what}. */
  public static void until(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not " + what + " after " + DEADLINE.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
  }

  /** Waits until {@code value} reads {@code expected}; fails with the last value read. */
  public static void value(Callable<Double> value, double expected) throws Exception {
    double[] last = {Double.NaN};
    try {
      until(
          "at " + expected,
          () -> {
            last[0] = value.call();
            return last[0] == expected;
          });
    } catch (AssertionError e) {
      throw new AssertionError("expected " + expected + ", still " + last[0], e);
    }
  }
}
