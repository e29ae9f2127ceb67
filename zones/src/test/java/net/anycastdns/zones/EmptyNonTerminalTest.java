package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.assertResult;
import static net.anycastdns.zones.TestZones.lookup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names that exist only because a name below them has data: NODATA, never NXDOMAIN (RFC 8020). */
class EmptyNonTerminalTest {
  private static final ZoneSnapshot ZONE =
      TestZones.compile(
          "example.",
          """
      $TTL 3600
      @          SOA  ns1 hostmaster 1 7200 900 1209600 300
                 NS   ns1
      ns1        A    192.0.2.53
      x.y.z.empty TXT "leaf"
      """);

  private static final String SOA =
      "example. 300 SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300";

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname                | qtype | status               | answer
      x.y.z.empty.example.   | TXT   | NOERROR ANSWER aa    | x.y.z.empty.example. 3600 TXT leaf
      x.y.z.empty.example.   | A     | NOERROR NODATA aa    | -
      y.z.empty.example.     | TXT   | NOERROR NODATA aa    | -
      y.z.empty.example.     | A     | NOERROR NODATA aa    | -
      z.empty.example.       | TXT   | NOERROR NODATA aa    | -
      empty.example.         | TXT   | NOERROR NODATA aa    | -
      empty.example.         | ANY   | NOERROR NODATA aa    | -
      # siblings and children of the empty non-terminals do not exist
      w.z.empty.example.     | TXT   | NXDOMAIN NXDOMAIN aa | -
      a.x.y.z.empty.example. | TXT   | NXDOMAIN NXDOMAIN aa | -
      full.example.          | TXT   | NXDOMAIN NXDOMAIN aa | -
      """)
  void emptyNonTerminal(String qname, String qtype, String status, String answer) {
    // Every negative answer carries the SOA; the one positive answer does not.
    assertResult(lookup(ZONE, qname, qtype), status, answer, answer == null ? SOA : null);
  }
}
