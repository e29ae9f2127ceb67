package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A client is located by the most specific {@code networks} entry holding it, IPv4 and IPv6. */
class LongestPrefixMatchTest {
  @TempDir static Path dir;

  private static GeoResolver resolver;

  @BeforeAll
  static void load() {
    resolver =
        GeoResolver.create(
            TestGeo.load(
                dir,
                TestGeo.POPS
                    + """
        networks:
          - {cidr: 0.0.0.0/0, lat: 40.71, lon: -74.01}
          - {cidr: 10.0.0.0/8, lat: 48.86, lon: 2.35}
          - {cidr: 10.1.0.0/16, lat: 40.71, lon: -74.01}
          - {cidr: 10.1.2.0/24, lat: 35.68, lon: 139.69}
          - {cidr: 10.1.2.3/32, lat: 48.86, lon: 2.35}
          - {cidr: 10.1.2.128/25, pop: fra1}
          - {cidr: "2001:db8::/32", lat: 48.86, lon: 2.35}
          - {cidr: "2001:db8:1::/48", lat: 40.71, lon: -74.01}
          - {cidr: "2001:db8:1:2::/64", lat: 35.68, lon: 139.69}
          - {cidr: "2001:db8:1:2::3", pop: iad1}
        """
                    + TestGeo.WWW),
            null,
            HealthView.ALL_HEALTHY);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
      10.200.1.1,           network 10.0.0.0/8 at,           fra1
      10.1.200.1,           network 10.1.0.0/16 at,          iad1
      10.1.2.100,           network 10.1.2.0/24 at,          sin1
      10.1.2.3,             network 10.1.2.3/32 at,          fra1
      10.1.2.4,             network 10.1.2.0/24 at,          sin1
      10.1.2.129,           network 10.1.2.128/25 pinned,    fra1
      10.1.2.0/24,          network 10.1.2.0/24 at,          sin1
      10.1.0.0/16,          network 10.1.0.0/16 at,          iad1
      11.0.0.1,             network 0.0.0.0/0 at,            iad1
      9.255.255.255,        network 0.0.0.0/0 at,            iad1
      2001:db8:ffff::1,     network 2001:db8::/32 at,        fra1
      2001:db8:1:ffff::1,   network 2001:db8:1::/48 at,      iad1
      2001:db8:1:2::ff,     network 2001:db8:1:2::/64 at,    sin1
      2001:db8:1:2::3,      network 2001:db8:1:2::3/128 pinned, iad1
      2001:db8:1::/48,      network 2001:db8:1::/48 at,      iad1
      2001:db9::1,          unknown: pops in file order,     fra1
      ::ffff:10.1.2.3,      unknown: pops in file order,     fra1
      """)
  void mostSpecificEntryWins(String client, String location, String pop) {
    GeoDecision d =
        resolver.decide(TestGeo.service(resolver, "www.example.com."), TestGeo.client(client), 1);
    assertTrue(d.location().startsWith(location), d.location());
    assertEquals(List.of(pop), d.pops());
  }
}
