package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.assertResult;
import static net.anycastdns.zones.TestZones.lookup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

/**
 * Zone cuts (RFC 1034 4.3.2 step 3b): referrals, glue, and DS on the parent side (RFC 4035
 * 3.1.4.1).
 */
class DelegationTest {
  private static final ZoneSnapshot ZONE =
      TestZones.compile(
          "example.org.",
          """
      $TTL 3600
      @          SOA  ns1 hostmaster 1 7200 900 1209600 300
                 NS   ns1
      ns1        A    192.0.2.53
      sub        NS   ns1.sub
      sub        NS   ns2.sub
      sub        DS   12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      ns1.sub    AAAA 2001:db8::1
      ns1.sub    A    192.0.2.1
      ns2.sub    A    192.0.2.2
      ns2.sub    AAAA 2001:db8::2
      ext        NS   ns.example.net.
      mx         MX   10 ns1.sub
      """);

  private static final String SOA =
      "example.org. 300 SOA ns1.example.org. hostmaster.example.org. 1 7200 900 1209600 300";
  private static final String SUB_NS =
      "sub.example.org. 3600 NS ns1.sub.example.org., sub.example.org. 3600 NS ns2.sub.example.org.";
  private static final String GLUE =
      "ns1.sub.example.org. 3600 A 192.0.2.1, "
          + "ns2.sub.example.org. 3600 A 192.0.2.2, "
          + "ns1.sub.example.org. 3600 AAAA 2001:db8:0:0:0:0:0:1, "
          + "ns2.sub.example.org. 3600 AAAA 2001:db8:0:0:0:0:0:2";
  private static final String EXT_NS = "ext.example.org. 3600 NS ns.example.net.";

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname                 | qtype | status            | answer | authority | additional
      # at and below the cut: a referral, AA clear, glue A records before AAAA records
      sub.example.org.        | A     | NOERROR REFERRAL  | -      | %SUB_NS   | %GLUE
      sub.example.org.        | NS    | NOERROR REFERRAL  | -      | %SUB_NS   | %GLUE
      sub.example.org.        | ANY   | NOERROR REFERRAL  | -      | %SUB_NS   | %GLUE
      www.sub.example.org.    | A     | NOERROR REFERRAL  | -      | %SUB_NS   | %GLUE
      a.b.sub.example.org.    | TXT   | NOERROR REFERRAL  | -      | %SUB_NS   | %GLUE
      # glue is the child's data: never an authoritative answer
      ns1.sub.example.org.    | A     | NOERROR REFERRAL  | -      | %SUB_NS   | %GLUE
      ns2.sub.example.org.    | AAAA  | NOERROR REFERRAL  | -      | %SUB_NS   | %GLUE
      # DS belongs to the parent side of the cut
      sub.example.org.        | DS    | NOERROR ANSWER aa | sub.example.org. 3600 DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | - | -
      ext.example.org.        | DS    | NOERROR NODATA aa | -      | %SOA      | -
      # out-of-zone name servers: no glue
      ext.example.org.        | A     | NOERROR REFERRAL  | -      | %EXT_NS   | -
      x.ext.example.org.      | AAAA  | NOERROR REFERRAL  | -      | %EXT_NS   | -
      # an MX pointing at glue gets no additional data from below the cut
      mx.example.org.         | MX    | NOERROR ANSWER aa | mx.example.org. 3600 MX 10 ns1.sub.example.org. | - | -
      # the parent's own data is unaffected
      ns1.example.org.        | A     | NOERROR ANSWER aa | ns1.example.org. 3600 A 192.0.2.53 | - | -
      """)
  void delegation(
      String qname,
      String qtype,
      String status,
      String answer,
      String authority,
      String additional) {
    assertResult(lookup(ZONE, qname, qtype), status, answer, expand(authority), expand(additional));
  }

  @Test
  void reusedResultIsAuthoritativeAgainAfterAReferral() {
    LookupResult result = new LookupResult();
    ZoneLookup.lookup(ZONE, WireName.of("www.sub.example.org."), Type.A, false, result);
    assertEquals("NOERROR REFERRAL", TestZones.status(result));
    ZoneLookup.lookup(ZONE, WireName.of("ns1.example.org."), Type.A, false, result);
    assertResult(result, "NOERROR ANSWER aa", "ns1.example.org. 3600 A 192.0.2.53", null, null);
  }

  private static String expand(String cell) {
    if (cell == null) {
      return null;
    }
    return cell.replace("%SUB_NS", SUB_NS)
        .replace("%GLUE", GLUE)
        .replace("%EXT_NS", EXT_NS)
        .replace("%SOA", SOA);
  }
}
