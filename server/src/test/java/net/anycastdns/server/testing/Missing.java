package net.anycastdns.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it runs for real is missing here (a daemon from Debian's
 * packages, a collector of the JVM): it skips with a message that says what to install, and with
 * {@code CI=true} it fails instead, since {@code .ci/run} installs everything the tests need.
 */
public final class Missing {
  private Missing() {}

  /** Skips the test with {@code message}, or fails it under {@code CI=true}. */
  public static void skipOrFail(String message) {
    if ("true".equals(System.getenv("CI"))) {
      fail(message + "; CI=true, so this is a failure: .ci/run must provide it");
    }
    System.err.println(message);
    Assumptions.abort(message);
  }
}
