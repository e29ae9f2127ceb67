package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.assertResult;
import static net.anycastdns.zones.TestZones.lookup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4592 wildcard synthesis: closest encloser, source of synthesis, and what blocks it. */
class WildcardTest {
  private static final ZoneSnapshot ZONE =
      TestZones.compile(
          "example.",
          """
      $TTL 3600
      @              SOA   ns1 hostmaster 1 7200 900 1209600 300
                     NS    ns1
      ns1            A     192.0.2.53
      mail           A     192.0.2.25
      *.users        TXT   "wildcard user"
      *.users        MX    10 mail
      special.users  A     192.0.2.10
      *.alias        CNAME target
      target         A     192.0.2.80
      *.ent          TXT   "ent wildcard"
      a.b.ent        TXT   "below an empty non-terminal"
      a.*            TXT   "not a wildcard"
      """);

  private static final String SOA =
      "example. 300 SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300";

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname                | qtype | status              | answer | authority
      # synthesis: the owner is the query name, one label or many (RFC 4592 2.1.1, 3.3.1)
      alice.users.example.   | TXT   | NOERROR ANSWER aa   | alice.users.example. 3600 TXT "wildcard user"      | -
      a.b.users.example.     | TXT   | NOERROR ANSWER aa   | a.b.users.example. 3600 TXT "wildcard user"        | -
      alice.users.example.   | MX    | NOERROR ANSWER aa   | alice.users.example. 3600 MX 10 mail.example.     | -
      *.users.example.       | TXT   | NOERROR ANSWER aa   | *.users.example. 3600 TXT "wildcard user"          | -
      # the wildcard has no A: NODATA, not NXDOMAIN
      alice.users.example.   | A     | NOERROR NODATA aa   | -      | %SOA
      # an existing name is never synthesized, even for a type it lacks (RFC 4592 2.2.1)
      special.users.example. | A     | NOERROR ANSWER aa   | special.users.example. 3600 A 192.0.2.10          | -
      special.users.example. | TXT   | NOERROR NODATA aa   | -      | %SOA
      # closest encloser special.users has no * child (RFC 4592 3.3.1)
      x.special.users.example. | TXT | NXDOMAIN NXDOMAIN aa | -     | %SOA
      # a synthesized CNAME is followed
      bob.alias.example.     | A     | NOERROR ANSWER aa   | bob.alias.example. 3600 CNAME target.example., target.example. 3600 A 192.0.2.80 | -
      # b.ent is an empty non-terminal: it exists, so it blocks *.ent for itself and below (RFC 4592 2.2.2)
      x.ent.example.         | TXT   | NOERROR ANSWER aa   | x.ent.example. 3600 TXT "ent wildcard"             | -
      b.ent.example.         | TXT   | NOERROR NODATA aa   | -      | %SOA
      c.b.ent.example.       | TXT   | NXDOMAIN NXDOMAIN aa | -     | %SOA
      # a * in the middle of a name is an ordinary label; *.example. is an empty non-terminal wildcard
      a.*.example.           | TXT   | NOERROR ANSWER aa   | a.*.example. 3600 TXT "not a wildcard"             | -
      b.x.example.           | TXT   | NOERROR NODATA aa   | -      | %SOA
      nothing.example.       | A     | NOERROR NODATA aa   | -      | %SOA
      # *.example. exists, so it does not match its own subdomains (RFC 4592 2.2.1, ghost.*.example.)
      ghost.*.example.       | TXT   | NXDOMAIN NXDOMAIN aa | -     | %SOA
      """)
  void wildcard(String qname, String qtype, String status, String answer, String authority) {
    assertResult(lookup(ZONE, qname, qtype), status, answer, soa(authority));
  }

  private static String soa(String cell) {
    return cell == null ? null : cell.replace("%SOA", SOA);
  }
}
