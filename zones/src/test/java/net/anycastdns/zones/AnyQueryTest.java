package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.lookup;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

/** QTYPE ANY: every RRset, or one complete RRset when minimal answers are wanted (RFC 8482 4.2). */
class AnyQueryTest {
  private static final ZoneSnapshot ZONE =
      TestZones.compile(
          "example.",
          """
      $TTL 3600
      @      SOA   ns1 hostmaster 1 7200 900 1209600 300
             NS    ns1
      ns1    A     192.0.2.53
      multi  TXT   "text"
      multi  AAAA  2001:db8::1
      multi  A     192.0.2.1
      multi  A     192.0.2.2
      multi  MX    10 ns1
      only   TXT   "one"
      alias  CNAME multi
      *.wild TXT   "wild"
      *.wild A     192.0.2.9
      """);

  @ParameterizedTest(name = "{0} allOfAny={1} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # qname          | allOfAny | status             | types (records)
      multi.example.   | true     | NOERROR ANSWER aa  | A(2) MX(1) TXT(1) AAAA(1)
      multi.example.   | false    | NOERROR ANSWER aa  | A(2)
      only.example.    | true     | NOERROR ANSWER aa  | TXT(1)
      only.example.    | false    | NOERROR ANSWER aa  | TXT(1)
      example.         | true     | NOERROR ANSWER aa  | NS(1) SOA(1)
      example.         | false    | NOERROR ANSWER aa  | NS(1)
      # the CNAME is the name's data: returned, not followed
      alias.example.   | true     | NOERROR ANSWER aa  | CNAME(1)
      # synthesized from the wildcard, under the query name
      x.wild.example.  | true     | NOERROR ANSWER aa  | A(1) TXT(1)
      x.wild.example.  | false    | NOERROR ANSWER aa  | A(1)
      """)
  void any(String qname, boolean allOfAny, String status, String types) {
    LookupResult r = lookup(ZONE, qname, "ANY", allOfAny);
    List<String> got = new ArrayList<>();
    for (int i = 0; i < r.answer().size(); i++) {
      RRset rrset = r.answer().rrset(i);
      got.add(Type.string(rrset.type()) + "(" + rrset.size() + ")");
    }
    assertAll(
        () -> assertEquals(status, TestZones.status(r)),
        () -> assertEquals(types, String.join(" ", got)),
        () -> {
          for (int i = 0; i < r.answer().size(); i++) {
            assertEquals(qname, WireName.toString(r.answer().owner(i)), "owner of entry " + i);
          }
        },
        () -> assertEquals(0, r.authority().size(), "authority"));
  }

  @ParameterizedTest(name = "{0} allOfAny={1} -> {2}")
  @CsvSource({
    "nothing.example., true,  NXDOMAIN NXDOMAIN aa",
    "nothing.example., false, NXDOMAIN NXDOMAIN aa",
    "wild.example.,    true,  NOERROR NODATA aa", // an empty non-terminal
  })
  void anyWithoutData(String qname, boolean allOfAny, String status) {
    LookupResult r = lookup(ZONE, qname, "ANY", allOfAny);
    assertAll(
        () -> assertEquals(status, TestZones.status(r)),
        () -> assertEquals(0, r.answer().size()),
        () ->
            assertEquals(
                "example. 300 SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300",
                TestZones.text(r.authority())));
  }
}
