package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.assertResult;
import static net.anycastdns.zones.TestZones.lookup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NXDOMAIN and NODATA: AA set, the SOA in authority with TTL min(SOA TTL, MINIMUM) (RFC 2308 3).
 */
class NegativeAnswerTest {
  /** The zone, with the SOA's own TTL and its MINIMUM field to fill in. */
  private static final String ZONE =
      """
      $TTL 3600
      @     %d SOA ns1 hostmaster 1 7200 900 1209600 %d
               NS  ns1
      ns1      A   192.0.2.53
      www      A   192.0.2.80
      """;

  @ParameterizedTest(name = "SOA TTL {0}, MINIMUM {1}: {2} {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # soa ttl | minimum | qname           | qtype | status               | answer
      3600      | 300     | nope.example.   | A     | NXDOMAIN NXDOMAIN aa | -
      3600      | 300     | www.example.    | TXT   | NOERROR NODATA aa    | -
      60        | 300     | nope.example.   | A     | NXDOMAIN NXDOMAIN aa | -
      60        | 300     | www.example.    | TXT   | NOERROR NODATA aa    | -
      300       | 300     | a.www.example.  | A     | NXDOMAIN NXDOMAIN aa | -
      # a positive SOA answer keeps the SOA's own TTL
      3600      | 300     | example.        | SOA   | NOERROR ANSWER aa    | example. 3600 SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300
      60        | 300     | example.        | SOA   | NOERROR ANSWER aa    | example. 60 SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300
      """)
  void negativeAnswer(
      long soaTtl, long minimum, String qname, String qtype, String status, String answer) {
    ZoneSnapshot zone = TestZones.compile("example.", ZONE.formatted(soaTtl, minimum));
    String soa =
        "example. "
            + Math.min(soaTtl, minimum)
            + " SOA ns1.example. hostmaster.example. 1 7200 900 1209600 "
            + minimum;
    assertResult(lookup(zone, qname, qtype), status, answer, answer == null ? soa : null);
  }
}
