package net.anycastdns.server.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST:PORT} and {@code [IPV6]:PORT} addresses. */
final class Addresses {
  private Addresses() {}

  /** A listen address. */
  static InetSocketAddress parse(String s) {
    return parse("listen", s);
  }

  /** An address of the given kind ("listen", "http"), named so in error messages. */
  static InetSocketAddress parse(String kind, String s) {
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw bad(kind, s, "expected [IPV6]:PORT");
      }
      host = s.substring(1, close);
      port = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon < 0) {
        throw bad(kind, s, "expected HOST:PORT");
      }
      if (s.indexOf(':') != colon) {
        throw bad(kind, s, "put IPv6 addresses in brackets: [ADDRESS]:PORT");
      }
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw bad(kind, s, "port is not a number");
    }
    if (p < 0 || p > 65_535) {
      throw bad(kind, s, "port out of range");
    }
    if (host.isEmpty()) {
      throw bad(kind, s, "no host");
    }
    // RFC 1123 section 2.1: a host name never has the dotted-decimal form, so this is a mistyped
    // IPv4 address, to be said so here rather than looked up in the DNS as a name.
    if (host.matches("[0-9.]+") && !isDottedQuad(host)) {
      throw bad(kind, s, "not an IPv4 address: " + host);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), p);
    } catch (UnknownHostException e) {
      throw bad(kind, s, "unknown host " + host);
    }
  }

  private static boolean isDottedQuad(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static Main.UsageException bad(String kind, String s, String why) {
    return new Main.UsageException("bad " + kind + " address '" + s + "': " + why);
  }
}
