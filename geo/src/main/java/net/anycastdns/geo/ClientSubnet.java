package net.anycastdns.geo;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import net.anycastdns.common.IpLiterals;
import net.anycastdns.common.IpPrefix;

/**
 * The client as the answer is tailored to: the subnet of an EDNS Client Subnet option (RFC 7871)
 * or, without one, the resolver's own address at full length.
 *
 * @param family 1 = IPv4, 2 = IPv6 (the IANA address family numbers RFC 7871 section 6 uses)
 * @param address 4 or 16 octets, every bit beyond {@code sourcePrefix} zero
 * @param sourcePrefix how many leading bits of {@code address} are the client's: 0 to 32 or 0 to
 *     128. 0 means "use no client address" (RFC 7871 section 7.1.2).
 */
public record ClientSubnet(int family, byte[] address, int sourcePrefix) {
  /** ECS source prefix 0: the client asked that no address be used; answers are not tailored. */
  public static final ClientSubnet NONE = new ClientSubnet(1, new byte[4], 0);

  /**
   * Checks the invariants; the address is copied.
   *
   * @throws IllegalArgumentException for an unknown family, a wrong address length, a prefix out of
   *     range, or bits set beyond the prefix
   */
  public ClientSubnet {
    if (family != 1 && family != 2) {
      throw new IllegalArgumentException("unknown address family " + family);
    }
    int octets = family == 1 ? 4 : 16;
    if (address == null || address.length != octets) {
      throw new IllegalArgumentException("family " + family + " needs " + octets + " octets");
    }
    if (sourcePrefix < 0 || sourcePrefix > octets * 8) {
      throw new IllegalArgumentException("source prefix " + sourcePrefix + " out of range");
    }
    if (IpPrefix.hasHostBits(address, sourcePrefix)) {
      throw new IllegalArgumentException("address bits set beyond the source prefix");
    }
    address = address.clone();
  }

  /**
   * The resolver's own address at full length (32 or 128). An IPv4-mapped IPv6 address ({@code
   * ::ffff:192.0.2.1}, as a dual-stack socket may report an IPv4 peer) counts as IPv4.
   */
  public static ClientSubnet of(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address && isV4Mapped(b)) {
      b = Arrays.copyOfRange(b, 12, 16);
    }
    return a instanceof Inet4Address || b.length == 4
        ? new ClientSubnet(1, b, 32)
        : new ClientSubnet(2, b, 128);
  }

  /**
   * The client of an ECS option as it is on the wire: FAMILY, SOURCE PREFIX-LENGTH and the ADDRESS
   * octets truncated to the prefix (RFC 7871 section 6). An option that breaks those rules (too few
   * or too many octets, bits set beyond the prefix, a family other than 1 or 2) throws; section 6
   * says the server SHOULD then answer FORMERR.
   *
   * @throws IllegalArgumentException describing the violation
   */
  public static ClientSubnet fromEcs(int family, int sourcePrefix, byte[] addressOctets) {
    if (family != 1 && family != 2) {
      throw new IllegalArgumentException("ECS family " + family + " is neither IPv4 nor IPv6");
    }
    int max = family == 1 ? 32 : 128;
    if (sourcePrefix < 0 || sourcePrefix > max) {
      throw new IllegalArgumentException("ECS source prefix " + sourcePrefix + " exceeds " + max);
    }
    int needed = (sourcePrefix + 7) / 8;
    if (addressOctets.length != needed) {
      throw new IllegalArgumentException(
          "ECS address has "
              + addressOctets.length
              + " octets; source prefix "
              + sourcePrefix
              + " needs "
              + needed);
    }
    byte[] full = Arrays.copyOf(addressOctets, max / 8);
    if (IpPrefix.hasHostBits(full, sourcePrefix)) {
      throw new IllegalArgumentException("ECS address has bits set beyond the source prefix");
    }
    return new ClientSubnet(family, full, sourcePrefix);
  }

  /** The address octets (a copy). */
  @Override
  public byte[] address() {
    return address.clone();
  }

  /** 32 or 128: the longest prefix of the family. */
  public int maxPrefix() {
    return family == 1 ? 32 : 128;
  }

  /** Bit {@code i} of the address, most significant first; no copy, for the lookup paths. */
  int bit(int i) {
    return IpPrefix.bit(address, i);
  }

  /** The address as an object, without DNS; 16 octets stay IPv6. */
  InetAddress inetAddress() {
    return IpLiterals.toInetAddress(address);
  }

  /** The first 64 bits of an IPv6 address as a number; 0 for IPv4. */
  long high() {
    return family == 1 ? 0 : word(0, 8);
  }

  /** The last 64 bits of an IPv6 address, or the whole IPv4 address, as a number. */
  long low() {
    return family == 1 ? word(0, 4) : word(8, 8);
  }

  private long word(int from, int octets) {
    long v = 0;
    for (int i = from; i < from + octets; i++) {
      v = (v << 8) | (address[i] & 0xFF);
    }
    return v;
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientSubnet c
        && c.family == family
        && c.sourcePrefix == sourcePrefix
        && Arrays.equals(c.address, address);
  }

  @Override
  public int hashCode() {
    return (31 * family + sourcePrefix) * 31 + Arrays.hashCode(address);
  }

  /** {@code 198.51.100.0/24}, the subnet as text. */
  @Override
  public String toString() {
    return IpLiterals.format(address) + "/" + sourcePrefix;
  }
}
