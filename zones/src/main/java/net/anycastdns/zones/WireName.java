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

  /** Number of labels of the name starting at {@code off}, the root label not counted. */
  public static int labelCount(byte[] name, int off) {
    int n = 0;
    for (int i = off; name[i] != 0; i = nextLabel(name, i)) {
      n++;
    }
    return n;
  }

  /**
   * Compares the lowercase names starting at {@code a[aOff]} and {@code b[bOff]} in the canonical
   * order of RFC 4034 section 6.1 (label by label from the right, each label as unsigned octets, a
   * missing octet first), the order of an NSEC chain. Allocates nothing; the labels are found by
   * walking the names, which is quick for the few labels names have.
   */
  public static int compareCanonical(byte[] a, int aOff, byte[] b, int bOff) {
    int na = labelCount(a, aOff);
    int nb = labelCount(b, bOff);
    for (int i = 1; i <= Math.min(na, nb); i++) {
      int la = labelAt(a, aOff, na - i);
      int lb = labelAt(b, bOff, nb - i);
      int c = Arrays.compareUnsigned(a, la + 1, la + 1 + a[la], b, lb + 1, lb + 1 + b[lb]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(na, nb);
  }

  /** Offset of label {@code index} (0 is the leftmost) of the name starting at {@code off}. */
  private static int labelAt(byte[] name, int off, int index) {
    int o = off;
    for (int i = 0; i < index; i++) {
      o = nextLabel(name, o);
    }
    return o;
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
