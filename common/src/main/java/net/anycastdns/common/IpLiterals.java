package net.anycastdns.common;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals, parsed strictly and without DNS: {@link InetAddress#getByName} would send
 * anything it does not recognise as a literal to the resolver, and it accepts forms (octal-looking
 * {@code 010.1.1.1}, zone ids) that have no business in a zone folder.
 */
public final class IpLiterals {
  private IpLiterals() {}

  /**
   * The 4 or 16 octets of a literal, or null when {@code s} is not a plain IPv4 or IPv6 address.
   */
  public static byte[] parse(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
  }

  /**
   * The address object for parsed octets. Sixteen octets stay IPv6 even for {@code ::ffff:0:0/96},
   * which {@link InetAddress#getByAddress(byte[])} would turn into IPv4.
   */
  public static InetAddress toInetAddress(byte[] octets) {
    try {
      return octets.length == 16
          ? Inet6Address.getByAddress(null, octets, -1)
          : InetAddress.getByAddress(octets);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not 4 or 16 octets: " + octets.length, e);
    }
  }

  /** Dotted quad, or IPv6 in the RFC 5952 form (lowercase, longest zero run as {@code ::}). */
  public static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  private static byte[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v = octet(parts[i]);
      if (v < 0) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /** 0 to 255 written without leading zeros, else -1. */
  private static int octet(String p) {
    if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= 255 ? v : -1;
  }

  private static byte[] parseV6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = groups(gap >= 0 ? s.substring(0, gap) : s, gap < 0);
    int[] tail = gap >= 0 ? groups(s.substring(gap + 2), true) : new int[0];
    if (head == null || tail == null) {
      return null;
    }
    int n = head.length + tail.length;
    if (gap < 0 ? n != 8 : n > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.length; i++) {
      out[2 * i] = (byte) (head[i] >>> 8);
      out[2 * i + 1] = (byte) head[i];
    }
    for (int i = 0; i < tail.length; i++) {
      int at = 8 - tail.length + i;
      out[2 * at] = (byte) (tail[i] >>> 8);
      out[2 * at + 1] = (byte) tail[i];
    }
    return out;
  }

  /** The 16-bit groups of one side of {@code ::}; a trailing dotted quad counts as two groups. */
  private static int[] groups(String part, boolean quadAllowedLast) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] p = part.split(":", -1);
    boolean quad = quadAllowedLast && p[p.length - 1].indexOf('.') >= 0;
    int[] out = new int[p.length + (quad ? 1 : 0)];
    for (int i = 0; i < p.length; i++) {
      if (quad && i == p.length - 1) {
        byte[] v4 = parseV4(p[i]);
        if (v4 == null) {
          return null;
        }
        out[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
        out[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
      } else {
        int v = hexGroup(p[i]);
        if (v < 0) {
          return null;
        }
        out[i] = v;
      }
    }
    return out;
  }

  private static int hexGroup(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      int d =
          c >= '0' && c <= '9'
              ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
