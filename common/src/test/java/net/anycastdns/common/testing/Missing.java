package net.anycastdns.common.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it runs for real is missing here (a daemon or tool from Debian's
 * packages, root, a collector of the JVM): it skips with a message that says what to install, and
 * with {@code CI=true} it fails instead, since {@code .ci/run} provides everything the tests need.
 * Every module's tests use it (this module's test jar).
 */
public final class Missing {
  private Missing() {}

  /** Skips the test with {@code message}, or fails it under {@code CI=true}. */
  public static void skipOrFail(String message) {
    skipOrFail(message, "true".equals(System.getenv("CI")));
  }

  /** Skips the test with {@code message}, or fails it when {@code ci}. */
  static void skipOrFail(String message, boolean ci) {
    if (ci) {
      fail(message + "; CI=true, so this is a failure: CI must run it (.ci/run provides it)");
    }
    System.err.println(message);
    Assumptions.abort(message);
  }
}
