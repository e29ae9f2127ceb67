package net.anycastdns.zones;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.xbill.DNS.Type;

/**
 * Record type mnemonics: dnsjava's table, plus the types it does not know that Knot DNS 3.x parses.
 * The common types are matched on the bytes, without making a string.
 */
final class RecordTypes {
  /** RFC 9859: generalized NOTIFY endpoints. */
  static final int DSYNC = 66;

  /** RFC 9606: resolver information. */
  static final int RESINFO = 261;

  /** IANA registration (Paul Hoffman): public wallet addresses. */
  static final int WALLET = 262;

  private RecordTypes() {}

  /**
   * The type named by {@code b[from, to)}: a mnemonic (any case) or {@code TYPEnnn} (RFC 3597
   * section 5); -1 when it names none.
   */
  static int value(byte[] b, int from, int to, boolean quoted) {
    if (quoted) {
      return -1;
    }
    int fast = common(b, from, to - from);
    if (fast >= 0) {
      return fast;
    }
    String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    switch (s) {
      case "DSYNC":
        return DSYNC;
      case "RESINFO":
        return RESINFO;
      case "WALLET":
        return WALLET;
      default:
        return Type.value(s);
    }
  }

  /** The mnemonic of a type, or {@code TYPEnnn}. */
  static String string(int type) {
    return switch (type) {
      case DSYNC -> "DSYNC";
      case RESINFO -> "RESINFO";
      case WALLET -> "WALLET";
      default -> Type.string(type);
    };
  }

  /**
   * Types that exist only in queries or messages, never as zone data: OPT, and the meta and query
   * types 128 to 255 (RFC 6895 section 3.1), and type 0.
   */
  static boolean isMeta(int type) {
    return type == 0 || type == Type.OPT || (type >= 128 && type <= 255);
  }

  private static int common(byte[] b, int at, int n) {
    switch (n) {
      case 1:
        return is(b, at, "A") ? Type.A : -1;
      case 2:
        if (is(b, at, "NS")) {
          return Type.NS;
        }
        if (is(b, at, "MX")) {
          return Type.MX;
        }
        return is(b, at, "DS") ? Type.DS : -1;
      case 3:
        if (is(b, at, "TXT")) {
          return Type.TXT;
        }
        if (is(b, at, "SOA")) {
          return Type.SOA;
        }
        if (is(b, at, "PTR")) {
          return Type.PTR;
        }
        return is(b, at, "SRV") ? Type.SRV : -1;
      case 4:
        if (is(b, at, "AAAA")) {
          return Type.AAAA;
        }
        return is(b, at, "NSEC") ? Type.NSEC : -1;
      case 5:
        if (is(b, at, "CNAME")) {
          return Type.CNAME;
        }
        if (is(b, at, "RRSIG")) {
          return Type.RRSIG;
        }
        return is(b, at, "NSEC3") ? Type.NSEC3 : -1;
      case 6:
        return is(b, at, "DNSKEY") ? Type.DNSKEY : -1;
      default:
        return -1;
    }
  }

  private static boolean is(byte[] b, int at, String upper) {
    for (int i = 0; i < upper.length(); i++) {
      int c = b[at + i];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != upper.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
