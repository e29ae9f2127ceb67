package net.anycastdns.zones;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wildcard answers with the DO bit: the RRSIG of the wildcard (its labels field tells the validator
 * what was expanded) and the proof that the query name itself does not exist (RFC 4035 section
 * 3.1.3.3, RFC 5155 section 7.2.6); wildcard NODATA adds the wildcard's own NSEC or NSEC3 (RFC 4035
 * section 3.1.3.4, RFC 5155 section 7.2.5).
 */
class WildcardProofTest {
  private static final Map<TestSigner.Denial, ZoneSnapshot> ZONES =
      SignedAnswers.signEachWay(
          "example.",
          """
      $TTL 3600
      @              SOA   ns1 hostmaster 1 7200 900 1209600 300
                     NS    ns1
      ns1            A     192.0.2.53
      *.users        TXT   "wildcard user"
      *.users        MX    10 mail
      mail           A     192.0.2.25
      special.users  A     192.0.2.10
      *.alias        CNAME www
      www            A     192.0.2.80
      host.*.ents    A     192.0.2.61
      *.svc          HTTPS 1 . alpn=h2
      """);

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname                 | qtype | status            | answer                                                 | authority          | nsec                                                      | nsec3                                                                            | opt-out | validation
      # synthesized: the query name does not exist (the next closer name, for NSEC3)
      alice.users.example.    | TXT   | NOERROR ANSWER aa | alice.users.example. TXT+RRSIG                         | -                  | covers alice.users.example.                               | covers alice.users.example.                                                      | =       | secure secure insecure
      a.b.users.example.      | TXT   | NOERROR ANSWER aa | a.b.users.example. TXT+RRSIG                           | -                  | covers a.b.users.example.                                 | covers b.users.example.                                                          | =       | secure secure insecure
      # additional data of a synthesized MX is the real name's, signed
      alice.users.example.    | MX    | NOERROR ANSWER aa | alice.users.example. MX+RRSIG                          | -                  | covers alice.users.example.                               | covers alice.users.example.                                                      | =       | secure secure insecure
      # the wildcard itself, asked by name, is an ordinary name
      *.users.example.        | TXT   | NOERROR ANSWER aa | *.users.example. TXT+RRSIG                             | -                  | -                                                         | -                                                                                | =       | secure
      # an existing name is never synthesized
      special.users.example.  | TXT   | NOERROR NODATA aa | -                                                      | example. SOA+RRSIG | matches special.users.example.                            | matches special.users.example.                                                   | =       | secure
      # wildcard NODATA: no closer name, and the wildcard lacks the type
      alice.users.example.    | A     | NOERROR NODATA aa | -                                                      | example. SOA+RRSIG | covers alice.users.example.; matches *.users.example.      | matches users.example.; covers alice.users.example.; matches *.users.example.    | =       | secure secure insecure
      # a wildcard that is an empty non-terminal: NODATA, with the NSEC covering the wildcard (as
      # PowerDNS's test ent-asterisk has it; Unbound finds it secure, dnsjava's validator does not
      # take an empty non-terminal as the wildcard of a NODATA proof, so it is not asked)
      sub.host.ents.example. | A    | NOERROR NODATA aa | -                                                      | example. SOA+RRSIG | covers sub.host.ents.example.; covers *.ents.example.      | matches ents.example.; covers host.ents.example.; matches *.ents.example.        | =       | -
      # ANY: the wildcard's data, never its NSEC, which is not synthesized (RFC 4592 section 4.3)
      x.svc.example.         | ANY  | NOERROR ANSWER aa | x.svc.example. HTTPS+RRSIG                             | -                  | covers x.svc.example.                                     | covers x.svc.example.                                                            | =       | -
      # a synthesized CNAME is followed; the proof is for the synthesized step
      bob.alias.example.      | A     | NOERROR ANSWER aa | bob.alias.example. CNAME+RRSIG, www.example. A+RRSIG   | -                  | covers bob.alias.example.                                 | covers bob.alias.example.                                                        | =       | secure secure insecure
      """)
  void proof(ArgumentsAccessor row) {
    SignedAnswers.assertRow(ZONES, row);
  }
}
