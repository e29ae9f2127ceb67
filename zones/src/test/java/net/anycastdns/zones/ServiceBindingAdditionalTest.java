package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.lookup;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Additional-section data of SVCB and HTTPS answers (RFC 9460 section 4.1): addresses of in-zone
 * TargetNames ({@code .} in ServiceMode being the owner), AliasMode chains followed as PowerDNS
 * follows them (its regression tests svcb-aliasmode and svcb-servicemode are the first rows), and
 * in signed zones with DO every RRSIG.
 */
class ServiceBindingAdditionalTest {
  static final String ZONE_TEXT =
      """
      $TTL 120
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.53
      ; PowerDNS regression-tests/zones/example.com
      foo.svcb   SVCB  0 foo1.svcb.example.
      foo1.svcb  SVCB  1 . alpn=h2,h3
      foo.svcb   A     192.0.2.1
      foo1.svcb  A     192.0.2.2
      bar.svcb   SVCB  1 . alpn=h2
      bar.svcb   SVCB  3 . alpn=h3 port=1500
      bar.svcb   AAAA  2001:db8::3:1
      bar.svcb   AAAA  2001:db8::3:4
      bar.svcb   A     192.0.2.1
      baz.svcb   SVCB  0 foo1.svcb.example.net.
      ; ServiceMode targets: addresses only, not their own SVCB
      svc        SVCB  1 host1 alpn=h2
      svc        SVCB  2 HOST2.example.
      host1      A     192.0.2.11
      host1      AAAA  2001:db8::11
      host1      SVCB  1 other
      host2      A     192.0.2.12
      www        HTTPS 1 . alpn=h2
      www        HTTPS 2 pool
      www        A     192.0.2.80
      pool       A     192.0.2.81
      pool       HTTPS 0 www
      alias      CNAME www
      chain      HTTPS 0 chain2
      chain2     HTTPS 0 chain3
      chain3     HTTPS 1 . alpn=h2
      chain3     A     192.0.2.83
      loop1      HTTPS 0 loop2
      loop2      HTTPS 0 loop1
      a1         HTTPS 0 a2
      a2         HTTPS 0 a3
      a3         HTTPS 0 a4
      a4         HTTPS 0 a5
      a5         HTTPS 0 a6
      a6         HTTPS 0 a7
      a7         HTTPS 0 a8
      a8         HTTPS 1 .
      a8         A     192.0.2.88
      gone       HTTPS 0 .
      gone       A     192.0.2.90
      del        NS    ns.del
      ns.del     A     192.0.2.99
      deleg      HTTPS 1 ns.del
      *.wild     HTTPS 1 . alpn=h2
      *.wild     A     192.0.2.77
      """;

  private static final ZoneSnapshot ZONE = TestZones.compile("example.", ZONE_TEXT);
  private static final Map<TestSigner.Denial, ZoneSnapshot> SIGNED =
      SignedAnswers.signEachWay("example.", ZONE_TEXT);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname             | qtype | additional
      # PowerDNS svcb-aliasmode: the AliasMode target's SVCB and address, not the owner's address
      foo.svcb.example.   | SVCB  | foo1.svcb.example. 120 SVCB 1 . alpn=h2,h3, foo1.svcb.example. 120 A 192.0.2.2
      baz.svcb.example.   | SVCB  | -
      # PowerDNS svcb-servicemode: TargetName "." is the owner
      bar.svcb.example.   | SVCB  | bar.svcb.example. 120 A 192.0.2.1, bar.svcb.example. 120 AAAA 2001:db8:0:0:0:0:3:1, bar.svcb.example. 120 AAAA 2001:db8:0:0:0:0:3:4
      svc.example.        | SVCB  | host1.example. 120 A 192.0.2.11, host2.example. 120 A 192.0.2.12, host1.example. 120 AAAA 2001:db8:0:0:0:0:0:11
      www.example.        | HTTPS | www.example. 120 A 192.0.2.80, pool.example. 120 A 192.0.2.81
      pool.example.       | HTTPS | www.example. 120 HTTPS 1 . alpn=h2, www.example. 120 HTTPS 2 pool.example., www.example. 120 A 192.0.2.80, pool.example. 120 A 192.0.2.81
      # after a CNAME, as for the name itself
      alias.example.      | HTTPS | www.example. 120 A 192.0.2.80, pool.example. 120 A 192.0.2.81
      # AliasMode chains: followed, loops stop at a repeated RRset, at most 5 steps
      chain.example.      | HTTPS | chain2.example. 120 HTTPS 0 chain3.example., chain3.example. 120 HTTPS 1 . alpn=h2, chain3.example. 120 A 192.0.2.83
      loop1.example.      | HTTPS | loop2.example. 120 HTTPS 0 loop1.example.
      a1.example.         | HTTPS | a2.example. 120 HTTPS 0 a3.example., a3.example. 120 HTTPS 0 a4.example., a4.example. 120 HTTPS 0 a5.example., a5.example. 120 HTTPS 0 a6.example., a6.example. 120 HTTPS 0 a7.example.
      # AliasMode "." means no service: nothing, not the owner's address
      gone.example.       | HTTPS | -
      # a target below a cut is no authoritative data
      deleg.example.      | HTTPS | -
      # a wildcard's own addresses go under the query name
      x.wild.example.     | HTTPS | x.wild.example. 120 A 192.0.2.77
      # other types have no such additional data
      foo1.svcb.example.  | A     | -
      """)
  void additional(String qname, String qtype, String additional) {
    LookupResult r = lookup(ZONE, qname, qtype);
    assertAll(
        () -> assertEquals("NOERROR ANSWER aa", TestZones.status(r)),
        () -> assertEquals(additional == null ? "" : additional, TestZones.text(r.additional())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # qname             | qtype | additional with DO, signed with NSEC, NSEC3 and NSEC3 opt-out
      foo.svcb.example.   | SVCB  | foo1.svcb.example. SVCB+RRSIG, foo1.svcb.example. A+RRSIG
      bar.svcb.example.   | SVCB  | bar.svcb.example. A+RRSIG, bar.svcb.example. AAAA+RRSIG
      x.wild.example.     | HTTPS | x.wild.example. A+RRSIG
      """)
  void signedWithDo(String qname, String qtype, String additional) {
    for (Map.Entry<TestSigner.Denial, ZoneSnapshot> e : SIGNED.entrySet()) {
      LookupResult r = SignedAnswers.lookup(e.getValue(), qname, qtype);
      assertEquals(additional, SignedAnswers.entries(r.additional(), false), e.getKey().name());
    }
  }
}
