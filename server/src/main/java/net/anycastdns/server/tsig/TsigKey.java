package net.anycastdns.server.tsig;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * A TSIG key (RFC 8945): its name, its algorithm and its secret, ready to sign and verify through
 * dnsjava's {@link TSIG}. The secret never leaves this object: {@link #toString()} shows the name
 * and algorithm only, so a key can be logged, shown by {@code --print-config} or put in an error
 * message without giving it away.
 */
public final class TsigKey {
  /**
   * The algorithms taken, by the names BIND, Knot and NSD give them (RFC 8945 section 6). HMAC-MD5
   * is not among them: it is deprecated there and refused here with a line that says so.
   */
  public static final Map<String, Name> ALGORITHMS =
      Map.of(
          "hmac-sha256", TSIG.HMAC_SHA256,
          "hmac-sha384", TSIG.HMAC_SHA384,
          "hmac-sha512", TSIG.HMAC_SHA512,
          "hmac-sha224", TSIG.HMAC_SHA224,
          "hmac-sha1", TSIG.HMAC_SHA1);

  /** The algorithm names in the order messages list them. */
  public static final List<String> ALGORITHM_NAMES =
      List.of("hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224", "hmac-sha1");

  private final Name name;
  private final String algorithm;
  private final byte[] secret;
  private final TSIG tsig;

  private TsigKey(Name name, String algorithm, byte[] secret) {
    this.name = name;
    this.algorithm = algorithm;
    this.secret = secret;
    this.tsig = new TSIG(ALGORITHMS.get(algorithm), name, secret);
  }

  /**
   * A key.
   *
   * @param algorithm one of {@link #ALGORITHMS}
   * @param secret the shared secret, at least one octet; copied
   * @throws IllegalArgumentException for another algorithm or an empty secret
   */
  public static TsigKey of(Name name, String algorithm, byte[] secret) {
    if (!ALGORITHMS.containsKey(algorithm)) {
      throw new IllegalArgumentException("unknown TSIG algorithm " + algorithm);
    }
    if (secret.length == 0) {
      throw new IllegalArgumentException("empty TSIG secret");
    }
    return new TsigKey(name, algorithm, secret.clone());
  }

  /** The key's name, as the TSIG record carries it. */
  public Name name() {
    return name;
  }

  /** The algorithm, as configured ({@code hmac-sha256}). */
  public String algorithm() {
    return algorithm;
  }

  /** The algorithm's name as the TSIG record carries it ({@code hmac-sha256.}). */
  public Name algorithmName() {
    return ALGORITHMS.get(algorithm);
  }

  /** dnsjava's signer and verifier for this key. */
  TSIG tsig() {
    return tsig;
  }

  /**
   * Two keys are equal when name, algorithm and secret are, so that a configuration read again
   * unchanged is seen as unchanged.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TsigKey k
        && k.name.equals(name)
        && k.algorithm.equals(algorithm)
        && MessageDigest.isEqual(k.secret, secret);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(secret);
  }

  /** {@code xfr-key. (hmac-sha256)}: never the secret. */
  @Override
  public String toString() {
    return name + " (" + algorithm + ")";
  }
}
