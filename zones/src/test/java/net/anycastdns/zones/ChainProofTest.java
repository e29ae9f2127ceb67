package net.anycastdns.zones;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CNAME and DNAME chains with the DO bit: each CNAME and DNAME with its RRSIG, the CNAME a DNAME
 * synthesizes without one (RFC 6672 section 5.3.1), and the proof for the name the chain ends at
 * when that name does not exist or lacks the type (RFC 4035 section 3.1.3, RFC 6604 section 3).
 */
class ChainProofTest {
  private static final Map<TestSigner.Denial, ZoneSnapshot> ZONES =
      SignedAnswers.signEachWay(
          "example.",
          """
      $TTL 3600
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.53
      www        A     192.0.2.80
      alias      CNAME www
      chain      CNAME alias
      nx-alias   CNAME gone
      to-wild    CNAME x.users
      *.users    TXT   "wildcard user"
      out        CNAME www.example.net.
      redirect   DNAME users.example.
      away       DNAME example.net.
      """);

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname                  | qtype | status               | answer                                                                        | authority          | nsec                                     | nsec3                                                     | opt-out | validation
      # each CNAME of the chain signed
      chain.example.           | A     | NOERROR ANSWER aa    | chain.example. CNAME+RRSIG, alias.example. CNAME+RRSIG, www.example. A+RRSIG   | -                  | -                                        | -                                                         | =       | secure
      # the chain ends at a name that does not exist: NXDOMAIN and its proof
      nx-alias.example.        | A     | NXDOMAIN NXDOMAIN aa | nx-alias.example. CNAME+RRSIG                                                   | example. SOA+RRSIG | covers gone.example.; covers *.example.  | matches example.; covers gone.example.; covers *.example.  | =       | secure secure insecure
      # ... at a name without the type: NODATA and its proof
      alias.example.           | MX    | NOERROR NODATA aa    | alias.example. CNAME+RRSIG                                                      | example. SOA+RRSIG | matches www.example.                     | matches www.example.                                      | =       | secure
      # ... at a wildcard: the proof for the synthesized name
      to-wild.example.         | TXT   | NOERROR ANSWER aa    | to-wild.example. CNAME+RRSIG, x.users.example. TXT+RRSIG                         | -                  | covers x.users.example.                  | covers x.users.example.                                   | =       | secure secure insecure
      # ... outside the zone: the resolver goes on from there (elsewhere: not judged here)
      out.example.             | A     | NOERROR ANSWER aa    | out.example. CNAME+RRSIG                                                        | -                  | -                                        | -                                                         | =       | -
      # DNAME: signed; the CNAME it synthesizes is not (a validator checks it against the DNAME)
      x.redirect.example.      | TXT   | NOERROR ANSWER aa    | redirect.example. DNAME+RRSIG, x.redirect.example. CNAME, x.users.example. TXT+RRSIG | -            | covers x.users.example.                  | covers x.users.example.                                   | =       | secure secure insecure
      a.b.away.example.        | A     | NOERROR ANSWER aa    | away.example. DNAME+RRSIG, a.b.away.example. CNAME                               | -                  | -                                        | -                                                         | =       | -
      # the DNAME's own name holds only the DNAME
      redirect.example.        | A     | NOERROR NODATA aa    | -                                                                               | example. SOA+RRSIG | matches redirect.example.                | matches redirect.example.                                 | =       | secure
      """)
  void proof(ArgumentsAccessor row) {
    SignedAnswers.assertRow(ZONES, row);
  }
}
