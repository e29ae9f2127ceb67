package net.anycastdns.sidecar.speaker;

import net.anycastdns.common.IpPrefix;

/**
 * An anycast prefix, IPv4 or IPv6, written canonically ({@code 192.0.2.53/32}, {@code
 * 2001:db8:53::53/128}: RFC 5952 for IPv6) so that logs, metrics and every speaker show the same
 * text.
 *
 * @param network the network, parsed from a literal only: the sidecar never resolves names
 */
public record Prefix(IpPrefix network) {

  /** The address family, in the words the speakers use. */
  public enum Family {
    IPV4("ipv4"),
    IPV6("ipv6");

    private final String label;

    Family(String label) {
      this.label = label;
    }

    /**
     * {@code ipv4} or {@code ipv6}, as GoBGP's {@code -a} and the command driver's {@code
     * {family}}.
     */
    public String label() {
      return label;
    }
  }

  /**
   * Parses {@code ADDRESS/LENGTH}.
   *
   * @throws IllegalArgumentException with a message fit for the operator
   */
  public static Prefix parse(String text) {
    return new Prefix(IpPrefix.parse(text));
  }

  public Family family() {
    return network.isIpv6() ? Family.IPV6 : Family.IPV4;
  }

  @Override
  public String toString() {
    return network.toString();
  }
}
