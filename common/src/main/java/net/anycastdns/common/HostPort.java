package net.anycastdns.common;

import java.net.InetSocketAddress;

/**
 * {@code ADDRESS:PORT} with an IP literal ({@code 192.0.2.53:53}, {@code [2001:db8::53]:53}), read
 * and written one way for every address the project takes: listen and HTTP addresses, probes,
 * peers, secondaries. Names are never resolved: a DNS server must not depend on DNS to start, and a
 * name in such a setting is more often a mistake than a wish.
 */
public final class HostPort {
  private HostPort() {}

  /**
   * Parses {@code text}; without a port, {@code defaultPort}, or an error when {@code defaultPort}
   * is negative. Port 0 is accepted: for a listen address it asks for an ephemeral port.
   *
   * @throws IllegalArgumentException with a message fit for the operator
   */
  public static InetSocketAddress parse(String text, int defaultPort) {
    String s = text.trim();
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': missing ']'");
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + text + "' is not [ADDRESS]:PORT");
        }
        port = rest.substring(1);
      }
    } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      host = s.substring(0, s.indexOf(':'));
      port = s.substring(s.indexOf(':') + 1);
    } else {
      host = s;
    }
    byte[] octets = IpLiterals.parse(host);
    if (octets == null) {
      throw new IllegalArgumentException(
          "'" + text + "': '" + host + "' is not an IP address (names are not resolved)");
    }
    int p;
    if (port == null) {
      if (defaultPort < 0) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "': missing port ("
                + (octets.length == 16 ? "[ADDRESS]:PORT" : "ADDRESS:PORT")
                + ")");
      }
      p = defaultPort;
    } else {
      p = port.matches("\\d{1,5}") ? Integer.parseInt(port) : -1;
      if (p < 0 || p > 65_535) {
        throw new IllegalArgumentException("'" + text + "': bad port '" + port + "'");
      }
    }
    return new InetSocketAddress(IpLiterals.toInetAddress(octets), p);
  }

  /** {@code 192.0.2.53:53}, {@code [2001:db8::53]:53}: RFC 5952 inside brackets for IPv6. */
  public static String format(InetSocketAddress a) {
    String host = IpLiterals.format(a.getAddress().getAddress());
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
