package net.anycastdns.zones;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Delegations with the DO bit (RFC 4035 section 3.1.4, RFC 5155 section 7.2.7): a referral to a
 * signed child carries the DS RRset and its RRSIG; to an unsigned child, the proof that there is no
 * DS: its NSEC, its NSEC3, or under opt-out, where it has none, the closest provable encloser proof
 * with the opt-out flag. DS queries at the cut are answered from the parent side (RFC 4035 section
 * 3.1.4.1). The NS RRset of a cut and glue are never signed.
 */
class DelegationProofTest {
  private static final Map<TestSigner.Denial, ZoneSnapshot> ZONES =
      SignedAnswers.signEachWay(
          "example.",
          """
      $TTL 3600
      @            SOA   ns1 hostmaster 1 7200 900 1209600 300
                   NS    ns1
      ns1          A     192.0.2.53
      secure       NS    ns.secure
      secure       DS    12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      ns.secure    A     192.0.2.1
      insecure     NS    ns.elsewhere.test.
      a.b.deep     NS    ns.elsewhere.test.
      """);

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname                 | qtype | status            | answer                      | authority                                  | nsec                      | nsec3                     | opt-out                                                   | validation
      # secure delegation: DS and its RRSIG after the NS; glue unsigned
      www.secure.example.     | A     | NOERROR REFERRAL  | -                           | secure.example. NS, secure.example. DS+RRSIG | -                       | -                         | =                                                         | -
      secure.example.         | NS    | NOERROR REFERRAL  | -                           | secure.example. NS, secure.example. DS+RRSIG | -                       | -                         | =                                                         | -
      secure.example.         | DS    | NOERROR ANSWER aa | secure.example. DS+RRSIG    | -                                          | -                         | -                         | =                                                         | secure
      # insecure delegation: proof of no DS; with opt-out the cut has no NSEC3 of its own
      www.insecure.example.   | A     | NOERROR REFERRAL  | -                           | insecure.example. NS                       | matches insecure.example. | matches insecure.example. | matches example.; covers insecure.example. optout          | -
      insecure.example.       | DS    | NOERROR NODATA aa | -                           | example. SOA+RRSIG                         | matches insecure.example. | matches insecure.example. | matches example.; covers insecure.example. optout          | secure secure insecure
      # below empty non-terminals: the closest provable encloser is the apex
      x.a.b.deep.example.     | A     | NOERROR REFERRAL  | -                           | a.b.deep.example. NS                       | matches a.b.deep.example. | matches a.b.deep.example. | matches example.; covers deep.example. optout             | -
      a.b.deep.example.       | DS    | NOERROR NODATA aa | -                           | example. SOA+RRSIG                         | matches a.b.deep.example. | matches a.b.deep.example. | matches example.; covers deep.example. optout             | secure secure insecure
      """)
  void proof(ArgumentsAccessor row) {
    SignedAnswers.assertRow(ZONES, row);
  }
}
