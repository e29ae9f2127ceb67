package net.anycastdns.zones;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The NSEC3 hash of RFC 5155 section 5: SHA-1 of the lowercase wire-format name and the salt,
 * hashed again with the salt {@code iterations} times. One instance belongs to one thread; it
 * reuses its digest and output and reads salt and iterations from the parameters it is given, so
 * hashing allocates nothing, whichever zone the name is in.
 */
final class Nsec3Hash {
  /** Octets of a SHA-1 hash, the length of every NSEC3 hashed owner name. */
  static final int LENGTH = 20;

  private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

  private final MessageDigest sha1;
  private final byte[] out = new byte[LENGTH];

  Nsec3Hash() {
    try {
      this.sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  /**
   * The hash of the lowercase name {@code name[off, end)} with the salt and iterations of {@code
   * parameters} (NSEC3PARAM or NSEC3 record data); the array returned is overwritten by the next
   * call.
   */
  byte[] hash(byte[] parameters, byte[] name, int off, int end) {
    int saltLength = DnssecRdata.nsec3SaltLength(parameters);
    int iterations = DnssecRdata.nsec3Iterations(parameters);
    try {
      sha1.update(name, off, end - off);
      sha1.update(parameters, 5, saltLength);
      sha1.digest(out, 0, LENGTH);
      for (int i = 0; i < iterations; i++) {
        sha1.update(out, 0, LENGTH);
        sha1.update(parameters, 5, saltLength);
        sha1.digest(out, 0, LENGTH);
      }
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-1 output fits its buffer", e);
    }
    return out;
  }

  /**
   * The hash a hashed owner label stands for (RFC 5155 section 3.3: Base32 with the extended hex
   * alphabet, RFC 4648 section 7, no padding), or null when the label is not one.
   *
   * @param name a wire-format name whose first label is read
   */
  static byte[] decodeLabel(byte[] name) {
    int len = name[0];
    if (len * 5 % 8 != 0 || len * 5 / 8 != LENGTH) {
      return null;
    }
    byte[] hash = new byte[LENGTH];
    long buffer = 0;
    int bits = 0;
    int o = 0;
    for (int i = 1; i <= len; i++) {
      int c = WireName.lower(name[i]);
      int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'v' ? c - 'a' + 10 : -1;
      if (v < 0) {
        return null;
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        hash[o++] = (byte) (buffer >>> bits);
      }
    }
    return hash;
  }

  /** The lowercase Base32hex form of a hash, the first label of its NSEC3 owner (for messages). */
  static String encode(byte[] hash, int off, int len) {
    StringBuilder sb = new StringBuilder();
    long buffer = 0;
    int bits = 0;
    for (int i = off; i < off + len; i++) {
      buffer = (buffer << 8) | (hash[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        sb.append(BASE32HEX[(int) (buffer >>> bits) & 31]);
      }
    }
    if (bits > 0) {
      sb.append(BASE32HEX[(int) (buffer << (5 - bits)) & 31]);
    }
    return sb.toString();
  }
}
