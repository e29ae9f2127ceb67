package net.anycastdns.zones;

import java.util.Arrays;

/**
 * The type bit maps field of NSEC and NSEC3 (RFC 4034 section 4.1.2): windows of 256 types, each an
 * octet of window number, an octet of length and up to 32 octets of bits, written only for windows
 * that hold a type. Built from the types a name has, so a check can compare it octet by octet with
 * the field a signer wrote.
 */
final class TypeBitmap {
  private TypeBitmap() {}

  /** The field for {@code types}, which must be ascending and distinct. */
  static byte[] of(int[] types, int count) {
    byte[] out = new byte[count * 3 + 34];
    int len = 0;
    int i = 0;
    while (i < count) {
      int window = types[i] >>> 8;
      int start = len;
      out[len] = (byte) window;
      len += 2;
      int last = 0;
      Arrays.fill(out, len, len + 32, (byte) 0);
      for (; i < count && types[i] >>> 8 == window; i++) {
        int bit = types[i] & 0xff;
        out[len + bit / 8] |= (byte) (0x80 >>> (bit % 8));
        last = bit / 8 + 1;
      }
      out[start + 1] = (byte) last;
      len += last;
      if (out.length - len < 34) {
        out = Arrays.copyOf(out, out.length * 2 + 34);
      }
    }
    return Arrays.copyOf(out, len);
  }

  /** True when {@code rdata[off, rdata.length)} is the field for {@code types}. */
  static boolean matches(byte[] rdata, int off, int[] types, int count) {
    byte[] expected = of(types, count);
    return Arrays.equals(rdata, off, rdata.length, expected, 0, expected.length);
  }

  /** The types in the field {@code rdata[off, rdata.length)}, for messages. */
  static String describe(byte[] rdata, int off) {
    StringBuilder sb = new StringBuilder();
    for (int o = off; o + 1 < rdata.length; o += 2 + (rdata[o + 1] & 0xff)) {
      int window = rdata[o] & 0xff;
      int len = rdata[o + 1] & 0xff;
      for (int i = 0; i < len * 8 && o + 2 + i / 8 < rdata.length; i++) {
        if ((rdata[o + 2 + i / 8] & (0x80 >>> (i % 8))) != 0) {
          sb.append(sb.length() == 0 ? "" : " ")
              .append(org.xbill.DNS.Type.string(window * 256 + i));
        }
      }
    }
    return sb.length() == 0 ? "(none)" : sb.toString();
  }
}
