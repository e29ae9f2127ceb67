package net.anycastdns.zones;

import java.util.List;

/** Master-file edge cases for the differential test: each a small zone and whether it loads. */
final class EdgeCaseZones {
  private EdgeCaseZones() {}

  /**
   * @param sameAsDnsjava false where the scanner is deliberately stricter than dnsjava
   */
  record Case(String name, String text, boolean loads, boolean sameAsDnsjava) {
    Case(String name, String text, boolean loads) {
      this(name, text, loads, true);
    }
  }

  private static final String HEAD =
      "$ORIGIN example.org.\n@ 3600 IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ NS ns1\n"
          + "ns1 A 192.0.2.1\n";

  private static Case ok(String name, String body) {
    return new Case(name, HEAD + body, true);
  }

  private static Case bad(String name, String body) {
    return new Case(name, HEAD + body, false);
  }

  static final List<Case> ALL =
      List.of(
          ok("parentheses across lines", "www ( 300\n IN\n A ; comment\n 192.0.2.2 )\n"),
          ok("SOA in parentheses", ""),
          new Case(
              "multi-line SOA with comments",
              "$ORIGIN example.org.\n@ IN SOA ns1.example.org. hostmaster.example.org. (\n"
                  + "  2024010101 ; serial\n  1h ; refresh\n  15m\n  2w\n  5M )\n@ NS ns1\n"
                  + "ns1 A 192.0.2.1\n",
              true),
          ok("omitted owner keeps the previous", "www A 192.0.2.2\n  AAAA 2001:db8::2\n\tTXT x\n"),
          ok("class before TTL", "www IN 300 A 192.0.2.2\n"),
          ok("TTL before class", "www 300 IN A 192.0.2.2\n"),
          ok("no TTL, no class", "www A 192.0.2.2\n"),
          ok("$TTL with units", "$TTL 1d2h\nwww A 192.0.2.2\n"),
          ok("TTL units in any case", "www 1H30M A 192.0.2.2\nw2 2w A 192.0.2.3\n"),
          ok("TTL above 2^31-1 is clamped", "www 4294967295 A 192.0.2.2\n"),
          ok("$ORIGIN absolute", "$ORIGIN sub.example.org.\nwww A 192.0.2.2\n@ TXT at-sub\n"),
          ok("at sign", "@ MX 10 @\n"),
          ok("absolute and relative names", "www CNAME web.example.org.\nweb A 192.0.2.2\n"),
          ok("letter case kept in data", "WWW CNAME Web.Example.ORG.\nweb A 192.0.2.2\n"),
          ok("owner case folded", "Www A 192.0.2.2\nwWW A 192.0.2.3\n"),
          ok("duplicates dropped", "www A 192.0.2.2\nwww A 192.0.2.2\n"),
          ok(
              "duplicate names differing in case",
              "sub NS ns.sub\nsub NS NS.SUB\nns.sub A 192.0.2.9\n"),
          ok("escapes in names", "a\\.b A 192.0.2.2\n\\065bc A 192.0.2.3\nx\\ y TXT z\n"),
          ok("escapes in strings", "t TXT \"a\\\"b\" \"\\059\" \"\\\\\" \"semi;colon\" plain\n"),
          ok("empty string", "t TXT \"\"\n"),
          ok("string of 255 octets", "t TXT \"" + "x".repeat(255) + "\"\n"),
          bad("string of 256 octets", "t TXT \"" + "x".repeat(256) + "\"\n"),
          ok("many strings", "t TXT a b c \"d e\" ( f\n g )\n"),
          ok("quote right after a token", "t TXT a\"b\"\n"),
          ok("wildcard", "*.w A 192.0.2.2\n*.w TXT wild\n"),
          ok("empty non-terminals", "a.b.c.d A 192.0.2.2\n"),
          ok(
              "delegation and glue",
              "sub NS ns.sub\nsub NS ns1\nns.sub A 192.0.2.9\nsub DS 1 13 2 "
                  + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"),
          ok("DNAME", "old DNAME new.example.net.\n"),
          ok(
              "MX and SRV additional",
              "@ MX 10 mail\nmail A 192.0.2.5\n_sip._tcp SRV 0 5 5060 sip\nsip AAAA 2001:db8::5\n"),
          ok(
              "AAAA forms",
              "a AAAA ::1\nb AAAA 2001:DB8::1\nc AAAA ::ffff:192.0.2.1\nd AAAA 2001:db8:0:0:0:0:0:1\n"),
          bad("A with leading zeros", "a A 192.000.002.001\n"),
          ok("generic known type", "g A \\# 4 C0000202\n"),
          ok("generic unknown type", "g TYPE65280 \\# 4 0A000001\ng TYPE65281 \\# 0\n"),
          ok("generic with spaces", "g TYPE65280 \\# 6 0A00 0001 ( 0203 )\n"),
          bad("generic length mismatch", "g TYPE65280 \\# 5 0A000001\n"),
          ok("TYPE mnemonic for a known type", "g TYPE1 192.0.2.7\n"),
          ok("CLASS1", "g CLASS1 A 192.0.2.7\n"),
          bad("class CH", "g CH A 192.0.2.7\n"),
          bad("out of zone", "www.example.net. A 192.0.2.2\n"),
          bad("unknown type", "www FOO 1\n"),
          bad("bad address", "www A 192.0.2.256\n"),
          bad("$INCLUDE", "$INCLUDE /etc/passwd\n"),
          bad("unbalanced close", "www A 192.0.2.2 )\n"),
          // dnsjava takes the end of the file as closing the parentheses; Knot and NSD do not.
          new Case("unbalanced open", HEAD + "www ( A 192.0.2.2\n", false, false),
          bad("newline in string", "t TXT \"abc\ndef\"\n"),
          bad("CNAME and other data", "www CNAME a\nwww A 192.0.2.2\n"),
          bad("two SOAs", "@ SOA ns1 h 2 1 1 1 1\n"),
          bad("SOA below apex", "sub SOA ns1 h 2 1 1 1 1\n"),
          bad("data below DNAME", "old DNAME new.example.net.\nx.old A 192.0.2.2\n"),
          ok(
              "$GENERATE",
              "$GENERATE 1-20 host$ A 10.0.0.$\n$GENERATE 0-6/2 r${10,3,d} CNAME h${0,2,x}\n"
                  + "$GENERATE 1-3 p$ 300 IN PTR host$.example.net.\n"
                  + "$GENERATE 1-2 t\\$$ A 10.1.0.$\n"),
          bad("$GENERATE too many", "$GENERATE 0-70000 h$ A 10.0.0.1\n"),
          ok(
              "MX, NS, PTR, HINFO, RP, AFSDB",
              "h HINFO \"Intel\" \"Linux 6\"\nh RP admin.example.org. txt.example.org.\n"
                  + "h AFSDB 1 afs.example.org.\nh PTR target.example.net.\n"),
          ok("NAPTR", "n NAPTR 100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:x@example.org!\" _sip._udp\n"),
          ok("SRV", "_ldap._tcp SRV 10 0 389 ldap.example.net.\n"),
          ok(
              "CAA",
              "@ CAA 0 issue \"ca.example.net; account=230123\"\n@ CAA 128 tbs \"Unknown\"\n@ CAA 0 iodef \"mailto:a@example.org\"\n"),
          ok(
              "SSHFP and TLSA",
              "h SSHFP 4 2 123456789abcdef67890123456789abcdef67890123456789abcdef123456789\n"
                  + "_443._tcp.h TLSA 3 1 1 ( 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B566"
                  + "64C5D3D6 )\n"),
          ok(
              "SMIMEA and URI",
              "x._smimecert SMIMEA 3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6\n"
                  + "_ftp._tcp URI 10 1 \"ftp://ftp1.example.com/public\"\n"),
          ok(
              "DNSSEC types",
              "@ DNSKEY 257 3 13 ( mdsswUyr3DPW132mOi8V9xESWE8jTo0d\n xbjjmyOnKBpdTCuvzpFsvtB3S1Br0bNGZ7Xvkq0HMTTbO1A8PSNbSA== )\n"
                  + "@ DNSKEY 256 3 ECDSAP256SHA256 oJMRESz5E4gYzS/q6XDrvU1qMPYIjCWzJaOau8XNEZeqCYKD5ar0IRd8KqXXFJkqmVfRvMGPmM1x8fGAa2XhSA==\n"
                  + "@ CDS 2371 13 2 1F987CC6583E92DF0890718C42 1F987CC6583E92DF0890718C42 1F987CC6583E\n@ CDNSKEY 0 3 0 AA==\n"
                  + "@ NSEC3PARAM 1 0 0 -\n@ NSEC3PARAM 1 1 10 AABBCCDD\n"
                  + "@ RRSIG SOA 13 2 3600 20261101000000 20161101000000 ( 12345 example.org.\n"
                  + " oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o= )\n"
                  + "@ RRSIG NS 8 2 3600 1795000000 1479000000 12345 example.org. AQID\n"
                  + "@ NSEC www.example.org. A NS SOA RRSIG NSEC DNSKEY TYPE65280 CAA\n"
                  + "2vptu5timamqttgl4luu9kg21e0aor3s NSEC3 1 1 12 aabbccdd ( 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG )\n"
                  + "x NSEC3 1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR\n"),
          ok(
              "other types through dnsjava",
              "l LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m\n"
                  + "c CERT 1 0 0 MxFcby9k/yvedMfQgKzhH5er0Mu/vILz45IkskceFGgiWCn/GxHhai6VAuHAoNUz4YoU1tVfSCSqQYn6//11U6Nld80jEeC8aTrO+KKmCaY=\n"
                  + "k IPSECKEY 10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==\n"
                  + "s SVCB 1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.1\n"
                  + "@ HTTPS 1 . alpn=h2\n"
                  + "a APL 1:192.168.32.0/21 !1:192.168.38.0/28\n"
                  + "d DHCID AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=\n"
                  + "o OPENPGPKEY mQINBFit2jsBEADrbl5vjVxYeAE0g0IDYCBpHirv1Sjlqxx5gjtPhb2YhvyDMXjq\n"),
          ok(
              "comment only lines and blank lines",
              "; a comment\n\n   \n\t; indented comment\nwww A 192.0.2.2 ; trailing\n"),
          ok("CRLF line ends", "www A 192.0.2.2\r\nw2 A 192.0.2.3\r\n"));
}
