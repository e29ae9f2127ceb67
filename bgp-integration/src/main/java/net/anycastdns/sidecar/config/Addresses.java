package net.anycastdns.sidecar.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * {@code HOST:PORT} with HOST an IP literal ({@code 192.0.2.53:53}, {@code [2001:db8::53]:53}). The
 * sidecar never resolves names: it must not depend on DNS to test DNS.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * Parses {@code text}; without a port, {@code defaultPort} (or an error when it is negative).
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
    int family = host.contains(":") ? Address.IPv6 : Address.IPv4;
    byte[] bytes = Address.toByteArray(host, family);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "'" + text + "': '" + host + "' is not an IP address (names are not resolved)");
    }
    int p;
    if (port == null) {
      if (defaultPort < 0) {
        throw new IllegalArgumentException("'" + text + "': missing port (HOST:PORT)");
      }
      p = defaultPort;
    } else {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("'" + text + "': bad port '" + port + "'");
      }
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), p);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
    }
  }
}
