package net.anycastdns.geo;

/** Bit arithmetic on network-order address octets, most significant bit first (bit 0). */
final class Bits {
  private Bits() {}

  /** Bit {@code i} of {@code a}, counting from the most significant bit of the first octet. */
  static int bit(byte[] a, int i) {
    return (a[i >>> 3] >>> (7 - (i & 7))) & 1;
  }

  /** A copy of {@code a} with every bit from {@code length} on cleared. */
  static byte[] masked(byte[] a, int length) {
    byte[] m = a.clone();
    for (int i = 0; i < m.length; i++) {
      int keep = Math.min(8, Math.max(0, length - 8 * i));
      m[i] &= (byte) (0xFF00 >>> keep);
    }
    return m;
  }

  /** Whether any bit from {@code length} on is set. */
  static boolean hasBitsBeyond(byte[] a, int length) {
    for (int i = 0; i < a.length; i++) {
      int keep = Math.min(8, Math.max(0, length - 8 * i));
      if ((a[i] & ~(0xFF00 >>> keep) & 0xFF) != 0) {
        return true;
      }
    }
    return false;
  }
}
