package net.anycastdns.common;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network ({@code 198.51.100.0/24}, {@code 2001:db8::/32}), written and read one
 * way wherever the project takes one: GeoDNS networks, anycast prefixes, access lists. Only
 * literals are read ({@link IpLiterals}); a network with host bits set is refused, because {@code
 * 198.51.100.7/24} is more often a typo for a /32 or for another network than a deliberate /24.
 */
public final class IpPrefix {
  private final byte[] address;
  private final int length;

  private IpPrefix(byte[] address, int length) {
    this.address = address;
    this.length = length;
  }

  /** The network of {@code length} bits of {@code address} (4 or 16 octets), host bits cleared. */
  public static IpPrefix of(byte[] address, int length) {
    if ((address.length != 4 && address.length != 16)
        || length < 0
        || length > address.length * 8) {
      throw new IllegalArgumentException("not a network: " + address.length + " octets /" + length);
    }
    return new IpPrefix(mask(address, length), length);
  }

  /**
   * Parses {@code ADDRESS/LENGTH}.
   *
   * @throws IllegalArgumentException with a message fit for the operator
   */
  public static IpPrefix parse(String text) {
    if (text.indexOf('/') < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a prefix (ADDRESS/LENGTH)");
    }
    return parseOrHost(text);
  }

  /**
   * Parses {@code ADDRESS/LENGTH}, or a bare {@code ADDRESS} as the one host ({@code /32}, {@code
   * /128}).
   *
   * @throws IllegalArgumentException with a message fit for the operator
   */
  public static IpPrefix parseOrHost(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    byte[] a = IpLiterals.parse(addr);
    if (a == null) {
      throw new IllegalArgumentException("'" + text + "': '" + addr + "' is not an IP address");
    }
    int max = a.length * 8;
    int length = max;
    if (slash >= 0) {
      String len = s.substring(slash + 1);
      // Digits only, without leading zeros: "/08" is a typo, not eight.
      if (!len.matches("0|[1-9]\\d{0,2}")) {
        throw new IllegalArgumentException("'" + text + "': bad prefix length '" + len + "'");
      }
      length = Integer.parseInt(len);
      if (length > max) {
        throw new IllegalArgumentException("'" + text + "': prefix length must be 0 to " + max);
      }
    }
    if (hasHostBits(a, length)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' has host bits set; the network is "
              + new IpPrefix(mask(a, length), length));
    }
    return new IpPrefix(a, length);
  }

  /** The network address: 4 or 16 octets, no bits set beyond {@link #length()}. */
  public byte[] address() {
    return address.clone();
  }

  /** The prefix length: 0 to 32, or 0 to 128. */
  public int length() {
    return length;
  }

  /** True for an IPv6 network. */
  public boolean isIpv6() {
    return address.length == 16;
  }

  /** Bit {@code i} of the network address, most significant first. */
  public int bit(int i) {
    return bit(address, i);
  }

  /** Whether {@code octets} (4 or 16 of them; the other family never matches) lie in here. */
  public boolean contains(byte[] octets) {
    if (octets.length != address.length) {
      return false;
    }
    int whole = length >>> 3;
    if (!Arrays.equals(octets, 0, whole, address, 0, whole)) {
      return false;
    }
    int rest = length & 7;
    return rest == 0 || ((octets[whole] ^ address[whole]) & (0xFF00 >>> rest) & 0xFF) == 0;
  }

  /** Bit {@code i} of {@code a}, counting from the most significant bit of the first octet. */
  public static int bit(byte[] a, int i) {
    return (a[i >>> 3] >>> (7 - (i & 7))) & 1;
  }

  /** A copy of {@code a} with every bit from {@code length} on cleared. */
  public static byte[] mask(byte[] a, int length) {
    byte[] m = a.clone();
    for (int i = 0; i < m.length; i++) {
      int keep = Math.min(8, Math.max(0, length - 8 * i));
      m[i] &= (byte) (0xFF00 >>> keep);
    }
    return m;
  }

  /** Whether any bit of {@code a} from {@code length} on is set. */
  public static boolean hasHostBits(byte[] a, int length) {
    for (int i = 0; i < a.length; i++) {
      int keep = Math.min(8, Math.max(0, length - 8 * i));
      if ((a[i] & ~(0xFF00 >>> keep) & 0xFF) != 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix p && p.length == length && Arrays.equals(p.address, address);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + length;
  }

  /** {@code 198.51.100.0/24}, {@code 2001:db8::/32} (RFC 5952). */
  @Override
  public String toString() {
    return IpLiterals.format(address) + "/" + length;
  }
}
