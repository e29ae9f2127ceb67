package net.anycastdns.geo;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network as written in geo.yaml ({@code 198.51.100.0/24}); a bare address means
 * the one host ({@code /32} or {@code /128}).
 *
 * @param address 4 or 16 octets, no bits set beyond {@code length}
 * @param length prefix length, 0 to 32 or 0 to 128
 */
record IpPrefix(byte[] address, int length) {
  IpPrefix {
    address = address.clone();
  }

  /**
   * Parses {@code text}; a CIDR with host bits set is refused, because {@code 198.51.100.7/24} is
   * more often a typo for a /32 or for a different network than a deliberate /24.
   *
   * @throws IllegalArgumentException with the reason, fit for a {@code geo.yaml:LINE:} message
   */
  static IpPrefix parse(String text) {
    int slash = text.indexOf('/');
    byte[] a = IpLiterals.parse(slash < 0 ? text : text.substring(0, slash));
    if (a == null) {
      throw new IllegalArgumentException("bad CIDR '" + text + "': not an IPv4 or IPv6 network");
    }
    int max = a.length * 8;
    int length = max;
    if (slash >= 0) {
      String len = text.substring(slash + 1);
      length = len.matches("\\d{1,3}") ? Integer.parseInt(len) : -1;
      if (length < 0 || length > max || (len.length() > 1 && len.charAt(0) == '0')) {
        throw new IllegalArgumentException(
            "bad CIDR '" + text + "': prefix length must be 0 to " + max);
      }
    }
    if (Bits.hasBitsBeyond(a, length)) {
      throw new IllegalArgumentException(
          "bad CIDR '"
              + text
              + "': host bits set (the network is "
              + IpLiterals.format(Bits.masked(a, length))
              + "/"
              + length
              + ")");
    }
    return new IpPrefix(a, length);
  }

  /** 1 for IPv4, 2 for IPv6, as in RFC 7871's FAMILY. */
  int family() {
    return address.length == 4 ? 1 : 2;
  }

  /** Bit {@code i} of the network address, most significant first. */
  int bit(int i) {
    return Bits.bit(address, i);
  }

  @Override
  public byte[] address() {
    return address.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix p && p.length == length && Arrays.equals(p.address, address);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + length;
  }

  @Override
  public String toString() {
    return IpLiterals.format(address) + "/" + length;
  }
}
