package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.utils.base32;

/**
 * Denial of existence with the DO bit: NXDOMAIN, NODATA and empty non-terminals, under NSEC (RFC
 * 4035 section 3.1.3) and NSEC3 (RFC 5155 section 7.2), and the NSEC3 owner names that are no names
 * of the zone (RFC 5155 section 7.2.9). Every answer is also judged by a validator.
 */
class NegativeProofTest {
  private static final Map<TestSigner.Denial, ZoneSnapshot> ZONES =
      SignedAnswers.signEachWay(
          "example.",
          """
      $TTL 3600
      @        SOA   ns1 hostmaster 1 7200 900 1209600 300
               NS    ns1
      ns1      A     192.0.2.53
      www      A     192.0.2.80
      www      TXT   "www"
      a.b.ent  TXT   "below two empty non-terminals"
      """);

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname          | qtype  | status               | answer                | authority          | nsec                                                 | nsec3                                                                       | opt-out | validation
      # data: the RRset with its RRSIGs, nothing more
      www.example.     | A      | NOERROR ANSWER aa    | www.example. A+RRSIG  | -                  | -                                                    | -                                                                           | =       | secure
      example.         | DNSKEY | NOERROR ANSWER aa    | example. DNSKEY+RRSIG | -                  | -                                                    | -                                                                           | =       | secure
      # NODATA: the name's own NSEC or NSEC3, whose bitmap lacks the type
      www.example.     | MX     | NOERROR NODATA aa    | -                     | example. SOA+RRSIG | matches www.example.                                 | matches www.example.                                                        | =       | secure
      # DS at an apex belongs to the parent; when only the child is here, its NODATA (which a
      # validator cannot take as the parent's word)
      example.         | DS     | NOERROR NODATA aa    | -                     | example. SOA+RRSIG | matches example.                                     | matches example.                                                            | =       | -
      # NXDOMAIN: no such name, and no wildcard at the closest encloser to make one
      nx.example.      | A      | NXDOMAIN NXDOMAIN aa | -                     | example. SOA+RRSIG | covers nx.example.; covers *.example.                | matches example.; covers nx.example.; covers *.example.                     | =       | secure secure insecure
      a.www.example.   | A      | NXDOMAIN NXDOMAIN aa | -                     | example. SOA+RRSIG | covers a.www.example.; covers *.www.example.         | matches www.example.; covers a.www.example.; covers *.www.example.          | =       | secure secure insecure
      # the next closer name is the one label below the closest encloser
      x.y.www.example. | TXT    | NXDOMAIN NXDOMAIN aa | -                     | example. SOA+RRSIG | covers x.y.www.example.; covers *.www.example.       | matches www.example.; covers y.www.example.; covers *.www.example.          | =       | secure secure insecure
      # empty non-terminals exist: NODATA; NSEC has none of its own (the NSEC before covers it), NSEC3 has
      b.ent.example.   | TXT    | NOERROR NODATA aa    | -                     | example. SOA+RRSIG | covers b.ent.example.                                | matches b.ent.example.                                                      | =       | secure
      ent.example.     | A      | NOERROR NODATA aa    | -                     | example. SOA+RRSIG | covers ent.example.                                  | matches ent.example.                                                        | =       | secure
      c.ent.example.   | A      | NXDOMAIN NXDOMAIN aa | -                     | example. SOA+RRSIG | covers c.ent.example.; covers *.ent.example.         | matches ent.example.; covers c.ent.example.; covers *.ent.example.          | =       | secure secure insecure
      """)
  void proof(ArgumentsAccessor row) {
    SignedAnswers.assertRow(ZONES, row);
  }

  /** RFC 5155 section 7.2.9: the owner of an NSEC3 record is answered as if it did not exist. */
  @Test
  void nsec3OwnersAreNoNames() {
    for (TestSigner.Denial d : new TestSigner.Denial[] {TestSigner.Denial.NSEC3}) {
      ZoneSnapshot zone = ZONES.get(d);
      String owner =
          new base32(base32.Alphabet.BASE32HEX, false, false)
                  .toString(SignedAnswers.hash(zone, TestZones.name("www.example.")))
                  .toLowerCase(java.util.Locale.ROOT)
              + ".example.";
      for (String qtype : new String[] {"A", "NSEC3", "RRSIG"}) {
        LookupResult r = SignedAnswers.lookup(zone, owner, qtype);
        assertAll(
            () -> assertEquals("NXDOMAIN NXDOMAIN aa", TestZones.status(r), qtype),
            () ->
                SignedAnswers.assertProof(
                    zone,
                    r.authority(),
                    "matches example.; covers " + owner + "; covers *.example.",
                    qtype),
            () -> assertEquals("secure", SignedAnswers.validate(zone, owner, qtype), qtype));
      }
    }
  }
}
