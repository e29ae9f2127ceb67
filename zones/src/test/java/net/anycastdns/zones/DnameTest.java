package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.assertResult;
import static net.anycastdns.zones.TestZones.lookup;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Rcode;

/** RFC 6672 DNAME: the DNAME in the answer, a synthesized CNAME, and the chain after it. */
class DnameTest {
  private static final String L63 = "x".repeat(63);

  /** long.example. DNAME has a 205-octet target: a prefix over 50 octets overflows 255. */
  private static final ZoneSnapshot ZONE =
      TestZones.compile(
          "example.",
          """
      $TTL 3600
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.53
      old   600  DNAME new
      www.new    A     192.0.2.1
      away  600  DNAME example.net.
      long       DNAME %1$s.%1$s.%1$s.example.net.
      """
              .formatted(L63));

  /** RFC 6672 2.3 allows a DNAME at the apex, beside the SOA and NS. */
  private static final ZoneSnapshot APEX =
      TestZones.compile(
          "example.com.",
          """
      @     3600 SOA   ns1.example.net. hostmaster.example.net. 1 7200 900 1209600 300
            3600 NS    ns1.example.net.
            600  DNAME example.org.
      """);

  private static final String SOA =
      "example. 300 SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300";

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname               | qtype | status               | answer | authority
      # substitution; the CNAME has the query name as owner and the DNAME's TTL (RFC 6672 3.2)
      www.old.example.      | A     | NOERROR ANSWER aa    | old.example. 600 DNAME new.example., www.old.example. 600 CNAME www.new.example., www.new.example. 3600 A 192.0.2.1 | -
      a.b.old.example.      | TXT   | NXDOMAIN NXDOMAIN aa | old.example. 600 DNAME new.example., a.b.old.example. 600 CNAME a.b.new.example. | %SOA
      www.old.example.      | TXT   | NOERROR NODATA aa    | old.example. 600 DNAME new.example., www.old.example. 600 CNAME www.new.example. | %SOA
      # a target outside the zone is left to the resolver
      www.away.example.     | A     | NOERROR ANSWER aa    | away.example. 600 DNAME example.net., www.away.example. 600 CNAME www.example.net. | -
      # the owner of the DNAME is not redirected (RFC 6672 2.3)
      old.example.          | DNAME | NOERROR ANSWER aa    | old.example. 600 DNAME new.example. | -
      old.example.          | A     | NOERROR NODATA aa    | -      | %SOA
      # a DNAME at the apex redirects every name below it
      www.example.com.      | A     | NOERROR ANSWER aa    | example.com. 600 DNAME example.org., www.example.com. 600 CNAME www.example.org. | -
      example.com.          | NS    | NOERROR ANSWER aa    | example.com. 3600 NS ns1.example.net. | -
      """)
  void dname(String qname, String qtype, String status, String answer, String authority) {
    ZoneSnapshot zone = qname.endsWith(".com.") ? APEX : ZONE; // the apex DNAME rows
    assertResult(lookup(zone, qname, qtype), status, answer, authority == null ? null : SOA);
  }

  /** RFC 6672 2.2: a substituted name over 255 octets is YXDOMAIN, with the DNAME in the answer. */
  @ParameterizedTest(name = "{0}-octet label -> {1}")
  @CsvSource({
    "1,  NOERROR, 2",
    "49, NOERROR, 2", // 50-octet prefix + 205-octet target = 255: still legal
    "50, YXDOMAIN, 1",
    "63, YXDOMAIN, 1",
  })
  void tooLongSubstitution(int labelLength, String rcode, int answers) {
    LookupResult r = lookup(ZONE, "y".repeat(labelLength) + ".long.example.", "A");
    assertAll(
        () -> assertEquals(rcode, Rcode.string(r.rcode())),
        () -> assertEquals(answers, r.answer().size()),
        () ->
            assertEquals(
                "long.example. 3600 DNAME %1$s.%1$s.%1$s.example.net.".formatted(L63),
                TestZones.describe(r.answer()).get(0)),
        () -> assertEquals(0, r.authority().size()));
  }
}
