package net.anycastdns.zones;

import java.util.Random;

/**
 * Random zones for the differential test: random names (letter case, escapes, relative and
 * absolute, {@code @}), records of many types, and every way of writing them the grammar allows
 * (TTL and class left out or in either order, owners left out, parentheses across lines, comments).
 */
final class RandomZones {
  private RandomZones() {}

  private static final String[] LABELS = {
    "www", "mail", "a", "b-1", "x_y", "Host", "sub", "c\\065d", "e\\.f"
  };

  static String zone(long seed) {
    Random r = new Random(seed);
    StringBuilder z = new StringBuilder("$ORIGIN example.org.\n");
    if (r.nextBoolean()) {
      z.append("$TTL ").append(ttl(r)).append('\n');
    }
    z.append("@ ")
        .append(r.nextBoolean() ? "IN " : "")
        .append("SOA ns1 hostmaster.example.org. ")
        .append(r.nextInt(1 << 30))
        .append(" 7200 900 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n");
    int records = 5 + r.nextInt(60);
    boolean haveOwner = true;
    for (int i = 0; i < records; i++) {
      if (haveOwner && r.nextInt(4) == 0) {
        z.append(r.nextBoolean() ? " " : "\t");
      } else {
        z.append(name(r));
        haveOwner = true;
      }
      z.append(' ');
      String ttl = r.nextInt(3) == 0 ? null : ttl(r);
      String cls = r.nextInt(3) == 0 ? null : (r.nextBoolean() ? "IN" : "in");
      if (r.nextBoolean()) {
        append(z, ttl);
        append(z, cls);
      } else {
        append(z, cls);
        append(z, ttl);
      }
      String[] data = data(r);
      z.append(data[0]).append(' ');
      String rdata = data[1];
      if (r.nextInt(5) == 0 && rdata.indexOf('"') < 0) {
        rdata = "( " + rdata.replaceFirst(" ", " ; wrapped\n  ") + "\n )";
      }
      z.append(rdata);
      if (r.nextInt(6) == 0) {
        z.append(" ; comment");
      }
      z.append('\n');
    }
    return z.toString();
  }

  private static void append(StringBuilder z, String s) {
    if (s != null) {
      z.append(s).append(' ');
    }
  }

  private static String ttl(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Integer.toString(r.nextInt(86400));
      case 1 -> (1 + r.nextInt(23)) + "h";
      case 2 -> (1 + r.nextInt(6)) + "d" + r.nextInt(24) + "H";
      default -> Integer.toString(r.nextInt(100));
    };
  }

  private static String name(Random r) {
    if (r.nextInt(10) == 0) {
      return "@";
    }
    StringBuilder n = new StringBuilder();
    int labels = 1 + r.nextInt(3);
    for (int i = 0; i < labels; i++) {
      if (i > 0) {
        n.append('.');
      }
      String l = LABELS[r.nextInt(LABELS.length)] + (r.nextInt(3) == 0 ? r.nextInt(5) : "");
      n.append(r.nextBoolean() ? l : l.toUpperCase(java.util.Locale.ROOT).replace("\\0", "\\0"));
    }
    if (r.nextBoolean()) {
      n.append(".example.org.");
    }
    return n.toString();
  }

  private static String str(Random r) {
    StringBuilder s = new StringBuilder("\"");
    int n = r.nextInt(20);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(10)) {
        case 0 -> s.append("\\\"");
        case 1 -> s.append(String.format("\\%03d", r.nextInt(256)));
        case 2 -> s.append(' ');
        case 3 -> s.append(';');
        case 4 -> s.append("\\\\");
        default -> s.append((char) ('a' + r.nextInt(26)));
      }
    }
    return s.append('"').toString();
  }

  private static String hex(Random r, int octets) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < octets; i++) {
      s.append(String.format(r.nextBoolean() ? "%02x" : "%02X", r.nextInt(256)));
    }
    return s.toString();
  }

  private static String b64(Random r, int octets) {
    byte[] b = new byte[octets];
    r.nextBytes(b);
    return java.util.Base64.getEncoder().encodeToString(b);
  }

  private static String[] data(Random r) {
    return switch (r.nextInt(17)) {
      case 0 -> new String[] {"A", r.nextInt(256) + "." + r.nextInt(256) + ".0." + r.nextInt(256)};
      case 1 -> new String[] {"AAAA", "2001:db8::" + Integer.toHexString(r.nextInt(65536))};
      case 2 -> new String[] {"MX", r.nextInt(100) + " " + name(r)};
      case 3 -> new String[] {"TXT", str(r) + (r.nextBoolean() ? " " + str(r) : "")};
      case 4 ->
          new String[] {
            "SRV", r.nextInt(10) + " " + r.nextInt(10) + " " + r.nextInt(65536) + " " + name(r)
          };
      case 5 -> new String[] {"CAA", "0 issue " + str(r)};
      case 6 -> new String[] {"DS", r.nextInt(65536) + " 13 2 " + hex(r, 32)};
      case 7 -> new String[] {"DNSKEY", "256 3 13 " + b64(r, 64)};
      case 8 ->
          new String[] {
            "RRSIG",
            "A 13 3 300 20300101000000 20200101000000 "
                + r.nextInt(65536)
                + " example.org. "
                + b64(r, 64)
          };
      case 9 ->
          new String[] {
            "NSEC", name(r) + " A RRSIG NSEC" + (r.nextBoolean() ? " TXT TYPE1234" : "")
          };
      case 10 -> new String[] {"SSHFP", "1 1 " + hex(r, 20)};
      case 11 -> new String[] {"TLSA", "3 1 1 " + hex(r, 32)};
      case 12 -> new String[] {"HINFO", str(r) + " " + str(r)};
      case 13 -> new String[] {"PTR", name(r)};
      case 14 -> new String[] {"NAPTR", "100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:i@example.org!\" ."};
      case 15 -> new String[] {"TYPE" + (65280 + r.nextInt(10)), "\\# 3 " + hex(r, 3)};
      default -> new String[] {"NS", name(r)};
    };
  }
}
