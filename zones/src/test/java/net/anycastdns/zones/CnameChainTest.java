package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.assertResult;
import static net.anycastdns.zones.TestZones.lookup;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CNAME chains (RFC 1034 4.3.2 step 3a, RFC 6604): followed inside the zone, stopped otherwise. */
class CnameChainTest {
  private static final ZoneSnapshot ZONE =
      TestZones.compile(
          "example.",
          """
      $TTL 3600
      @        SOA   ns1 hostmaster 1 7200 900 1209600 300
               NS    ns1
      ns1      A     192.0.2.53
      www      CNAME web
      web      CNAME host
      host     A     192.0.2.80
      out      CNAME www.example.net.
      self     CNAME self
      ping     CNAME pong
      pong     CNAME ping
      dangling CNAME nowhere
      c0  CNAME c1
      c1  CNAME c2
      c2  CNAME c3
      c3  CNAME c4
      c4  CNAME c5
      c5  CNAME c6
      c6  CNAME c7
      c7  CNAME c8
      c8  CNAME c9
      c9  CNAME c10
      c10 CNAME c11
      c11 CNAME c12
      c12 CNAME c13
      c13 CNAME c14
      c14 CNAME c15
      c15 A     192.0.2.15
      """);

  private static final String SOA =
      "example. 300 SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300";

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname          | qtype | status               | answer | authority
      www.example.     | A     | NOERROR ANSWER aa    | www.example. 3600 CNAME web.example., web.example. 3600 CNAME host.example., host.example. 3600 A 192.0.2.80 | -
      web.example.     | A     | NOERROR ANSWER aa    | web.example. 3600 CNAME host.example., host.example. 3600 A 192.0.2.80 | -
      # qtype CNAME is answered with the CNAME itself, which is not followed
      www.example.     | CNAME | NOERROR ANSWER aa    | www.example. 3600 CNAME web.example. | -
      # leaving the zone ends the chain: the resolver goes on
      out.example.     | A     | NOERROR ANSWER aa    | out.example. 3600 CNAME www.example.net. | -
      # loops end when a name repeats
      self.example.    | A     | NOERROR ANSWER aa    | self.example. 3600 CNAME self.example. | -
      ping.example.    | A     | NOERROR ANSWER aa    | ping.example. 3600 CNAME pong.example., pong.example. 3600 CNAME ping.example. | -
      # the rcode is that of the last name (RFC 6604 section 3), with the SOA
      dangling.example.| A     | NXDOMAIN NXDOMAIN aa | dangling.example. 3600 CNAME nowhere.example. | %SOA
      www.example.     | TXT   | NOERROR NODATA aa    | www.example. 3600 CNAME web.example., web.example. 3600 CNAME host.example. | %SOA
      """)
  void chain(String qname, String qtype, String status, String answer, String authority) {
    assertResult(lookup(ZONE, qname, qtype), status, answer, authority == null ? null : SOA);
  }

  /** Each step is one answer entry; at most {@link ZoneLookup#MAX_CHAIN} are taken. */
  @ParameterizedTest(name = "{0} -> {1} entries, last {2}")
  @CsvSource({
    "c15, 1,  c15.example. 3600 A 192.0.2.15",
    "c4,  12, c15.example. 3600 A 192.0.2.15", // 11 CNAMEs and the A: exactly the cap
    "c3,  12, c14.example. 3600 CNAME c15.example.", // the A would be the 13th entry
    "c0,  12, c11.example. 3600 CNAME c12.example.",
  })
  void chainLengthIsCapped(String qname, int entries, String last) {
    LookupResult r = lookup(ZONE, qname + ".example.", "A");
    List<String> answer = TestZones.describe(r.answer());
    assertAll(
        () -> assertEquals(12, ZoneLookup.MAX_CHAIN),
        () -> assertEquals(entries, answer.size()),
        () -> assertEquals(last, answer.get(answer.size() - 1)),
        () -> assertEquals("NOERROR ANSWER aa", TestZones.status(r)));
  }
}
