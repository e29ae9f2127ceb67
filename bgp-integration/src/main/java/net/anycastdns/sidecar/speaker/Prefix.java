package net.anycastdns.sidecar.speaker;

import java.math.BigInteger;
import java.util.Locale;
import org.xbill.DNS.Address;

/**
 * An anycast prefix, IPv4 or IPv6, written canonically ({@code 192.0.2.53/32}, {@code
 * 2001:db8:53::53/128}: RFC 5952 for IPv6) so that logs, metrics and every speaker show the same
 * text.
 *
 * @param family IPv4 or IPv6
 * @param address the network address bytes (4 or 16), host bits zero
 * @param length the prefix length
 */
public record Prefix(Family family, byte[] address, int length) {

  /** The address family, in the words the speakers use. */
  public enum Family {
    IPV4("ipv4", 32),
    IPV6("ipv6", 128);

    private final String label;
    private final int bits;

    Family(String label, int bits) {
      this.label = label;
      this.bits = bits;
    }

    /**
     * {@code ipv4} or {@code ipv6}, as GoBGP's {@code -a} and the command driver's {@code
     * {family}}.
     */
    public String label() {
      return label;
    }
  }

  public Prefix {
    address = address.clone();
  }

  @Override
  public byte[] address() {
    return address.clone();
  }

  /**
   * Parses {@code ADDRESS/LENGTH}. Only literals: the sidecar never resolves names.
   *
   * @throws IllegalArgumentException with a message fit for the operator
   */
  public static Prefix parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a prefix (ADDRESS/LENGTH)");
    }
    String addr = s.substring(0, slash);
    Family family = addr.contains(":") ? Family.IPV6 : Family.IPV4;
    byte[] bytes = Address.toByteArray(addr, family == Family.IPV4 ? Address.IPv4 : Address.IPv6);
    if (bytes == null) {
      throw new IllegalArgumentException("'" + text + "': '" + addr + "' is not an IP address");
    }
    int length;
    try {
      length = Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': bad prefix length");
    }
    if (length < 0 || length > family.bits) {
      throw new IllegalArgumentException(
          "'" + text + "': prefix length must be 0 to " + family.bits);
    }
    Prefix p = new Prefix(family, bytes, length);
    byte[] network = mask(bytes, length);
    if (!java.util.Arrays.equals(network, bytes)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' has host bits set; the network is "
              + new Prefix(family, network, length));
    }
    return p;
  }

  @Override
  public String toString() {
    return (family == Family.IPV4 ? Address.toDottedQuad(address) : ipv6(address)) + "/" + length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prefix p
        && p.length == length
        && java.util.Arrays.equals(p.address, address);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(address) * 31 + length;
  }

  private static byte[] mask(byte[] bytes, int length) {
    int bits = bytes.length * 8;
    BigInteger value = new BigInteger(1, bytes);
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
    byte[] raw = value.andNot(hostMask).toByteArray();
    byte[] out = new byte[bytes.length];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    return out;
  }

  /**
   * RFC 5952 section 4: lowercase, no leading zeros, the longest run of two or more zero groups as
   * "::".
   */
  private static String ipv6(byte[] a) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
