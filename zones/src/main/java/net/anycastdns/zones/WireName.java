package net.anycastdns.zones;

import java.util.Arrays;
import org.xbill.DNS.Name;

/**
 * Helpers for domain names in uncompressed DNS wire format (length-prefixed labels ending with the
 * root label), the representation every name has in this module. Keys are lowercase (ASCII only,
 * RFC 4343), so equality is byte equality.
 */
public final class WireName {
  /** RFC 1035 section 2.3.4: 255 octets of wire format at most. */
  public static final int MAX_LENGTH = 255;

  private WireName() {}

  /** The lowercase wire form of a dnsjava name. */
  public static byte[] of(Name name) {
    return name.toWireCanonical();
  }

  /** The wire form of a dnsjava name, letter case kept. */
  public static byte[] caseKept(Name name) {
    return name.toWire();
  }

  /** Lowercase wire form of a presentation-format absolute name, for tests and tools. */
  public static byte[] of(String name) {
    try {
      return of(Name.fromString(name.endsWith(".") ? name : name + "."));
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalArgumentException("bad name " + name + ": " + e.getMessage(), e);
    }
  }

  /** The dnsjava name of a wire-format name, for logging and tools (never on the query path). */
  public static Name toName(byte[] wire) {
    try {
      return new Name(wire);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a wire-format name", e);
    }
  }

  /** Presentation form ("www.example.org."). */
  public static String toString(byte[] wire) {
    return toName(wire).toString();
  }

  /** Hash of the name suffix {@code name[off, end)}; the suffix must be a whole name. */
  public static int hash(byte[] name, int off, int end) {
    int h = 0x811c9dc5;
    for (int i = off; i < end; i++) {
      h = (h ^ name[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  /** Byte equality of {@code a[aOff, aEnd)} and the whole of {@code b}. */
  public static boolean equals(byte[] a, int aOff, int aEnd, byte[] b) {
    return Arrays.equals(a, aOff, aEnd, b, 0, b.length);
  }

  /** Length of the wire name that starts at {@code off}, its root label included. */
  public static int length(byte[] name, int off) {
    int i = off;
    while (name[i] != 0) {
      i += 1 + name[i];
    }
    return i + 1 - off;
  }

  /** Offset of the label after the one starting at {@code off}. */
  public static int nextLabel(byte[] name, int off) {
    return off + 1 + name[off];
  }

  /** True when {@code name} equals {@code ancestor} or lies below it. */
  public static boolean isSubdomain(byte[] name, byte[] ancestor) {
    return isSubdomain(name, name.length, ancestor);
  }

  /** True when the name {@code name[0, length)} equals {@code ancestor} or lies below it. */
  public static boolean isSubdomain(byte[] name, int length, byte[] ancestor) {
    int off = length - ancestor.length;
    if (off < 0) {
      return false;
    }
    if (!Arrays.equals(name, off, length, ancestor, 0, ancestor.length)) {
      return false;
    }
    // The match must start at a label boundary.
    for (int i = 0; i <= off; i = nextLabel(name, i)) {
      if (i == off) {
        return true;
      }
    }
    return false;
  }

  /** ASCII lowercase of one octet (RFC 4343: only A-Z fold). */
  public static byte lower(byte b) {
    return (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
  }

  /** Lowercase copy of a wire name. */
  public static byte[] lowerCopy(byte[] wire) {
    byte[] out = new byte[wire.length];
    for (int i = 0; i < wire.length; i++) {
      out[i] = lower(wire[i]);
    }
    return out;
  }
}
