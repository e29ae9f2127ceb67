package net.anycastdns.zones;

import java.time.Duration;

/**
 * How a zone is signed: its denial of existence and how long signatures hold. Signatures are made
 * valid from an hour before the signing time (for validators whose clocks are behind) to {@code
 * validity} after it, and made again once less than a third of the validity is left, so a zone
 * never serves a signature with less than that to go.
 *
 * @param nsec3 NSEC3 (RFC 5155) rather than NSEC (RFC 4034)
 * @param nsec3Iterations extra NSEC3 hash iterations; RFC 9276 section 3.1 says 0
 * @param nsec3Salt the NSEC3 salt in hexadecimal, empty for none (RFC 9276 section 3.1)
 * @param nsec3OptOut leave insecure delegations out of the NSEC3 chain (RFC 5155 section 6)
 * @param validity how long a signature is valid from its signing
 */
public record SigningPolicy(
    boolean nsec3, int nsec3Iterations, String nsec3Salt, boolean nsec3OptOut, Duration validity) {
  /** NSEC, signatures valid for 14 days. */
  public static final SigningPolicy DEFAULTS =
      new SigningPolicy(false, 0, "", false, Duration.ofDays(14));

  /** The most extra NSEC3 iterations accepted: validators treat more as insecure (RFC 9276 3.2). */
  public static final int MAX_ITERATIONS = 100;

  /** How far the inception of a signature lies before its signing. */
  public static final Duration INCEPTION_BACKDATE = Duration.ofHours(1);

  /** The shortest validity accepted: shorter would re-sign more often than is sensible. */
  public static final Duration MIN_VALIDITY = Duration.ofHours(3);

  /** How long before its signatures expire a zone is signed again: a third of the validity. */
  public Duration refreshBefore() {
    return validity.dividedBy(3);
  }
}
