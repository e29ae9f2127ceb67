package net.anycastdns.server.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST:PORT} and {@code [IPV6]:PORT} listen addresses. */
final class Addresses {
  private Addresses() {}

  static InetSocketAddress parse(String s) {
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw bad(s, "expected [IPV6]:PORT");
      }
      host = s.substring(1, close);
      port = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon < 0) {
        throw bad(s, "expected HOST:PORT");
      }
      if (s.indexOf(':') != colon) {
        throw bad(s, "put IPv6 addresses in brackets: [ADDRESS]:PORT");
      }
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw bad(s, "port is not a number");
    }
    if (p < 0 || p > 65_535) {
      throw bad(s, "port out of range");
    }
    if (host.isEmpty()) {
      throw bad(s, "no host");
    }
    // RFC 1123 section 2.1: a host name never has the dotted-decimal form, so this is a mistyped
    // IPv4 address, to be said so here rather than looked up in the DNS as a name.
    if (host.matches("[0-9.]+") && !isDottedQuad(host)) {
      throw bad(s, "not an IPv4 address: " + host);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), p);
    } catch (UnknownHostException e) {
      throw bad(s, "unknown host " + host);
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

  private static Main.UsageException bad(String s, String why) {
    return new Main.UsageException("bad listen address '" + s + "': " + why);
  }
}
