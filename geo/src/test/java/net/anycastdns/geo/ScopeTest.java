package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ECS scope (RFC 7871 section 7.2.1): the matched network's prefix, lengthened along the
 * client's bits past every more specific network that answers differently; for clients of no
 * network, the prefix that separates them from every differing network; 0 when the answer cannot
 * depend on the client.
 */
class ScopeTest {
  @TempDir static Path dir;

  private static GeoConfig config;

  @BeforeAll
  static void load() {
    config =
        TestGeo.load(
            dir,
            TestGeo.POPS
                + """
        networks:
          - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}      # Paris: fra1
          - {cidr: 198.51.100.128/25, lat: 40.71, lon: -74.01}  # New York: iad1
          - {cidr: 198.51.100.192/26, lat: 50.0, lon: 8.0}      # fra1 again
          - {cidr: 198.51.100.64/26, lat: 51.51, lon: -0.13}    # London: fra1, like its parent
          - {cidr: 203.0.113.0/25, pop: sin1}
          - {cidr: "2001:db8::/32", lat: 48.86, lon: 2.35}
          - {cidr: "2001:db8:8000::/33", pop: iad1}
        services:
          www.example.com.:
            addresses: {fra1: [192.0.2.10], iad1: [192.0.2.20], sin1: [192.0.2.30]}
          all.example.com.:
            pops: 3
            addresses: {fra1: [192.0.2.10], iad1: [192.0.2.20], sin1: [192.0.2.30]}
          one.example.com.:
            addresses: {fra1: [192.0.2.10]}
        """);
  }

  @ParameterizedTest(name = "{0} {1} local {2} -> {3} /{4}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      www, 198.51.100.7,       -,    fra1,            25
      www, 198.51.100.70,      -,    fra1,            26
      www, 198.51.100.130,     -,    iad1,            26
      www, 198.51.100.200,     -,    fra1,            26
      www, 198.51.100.0/24,    -,    fra1,            25
      www, 198.51.100.0/25,    -,    fra1,            25
      www, 198.51.0.0/16,      -,    fra1,            18
      www, 8.8.8.8,            -,    fra1,            1
      www, 203.0.113.5,        -,    sin1,            25
      www, 203.0.113.200,      -,    fra1,            25
      www, 2001:db8::1,        -,    fra1,            33
      www, 2001:db8:8000::1,   -,    iad1,            33
      www, 2001:db9::1,        -,    fra1,            32
      www, 2001:db8::/32,      -,    fra1,            33
      www, 2001:db8::/29,      -,    fra1,            33
      www, 8.8.8.8,            sin1, sin1,            1
      www, 203.0.113.200,      sin1, sin1,            5
      www, 198.51.0.0/16,      sin1, sin1,            18
      all, 198.51.100.7,       -,    fra1 iad1 sin1,  25
      all, 198.51.100.70,      -,    fra1 iad1 sin1,  26
      one, 198.51.100.7,       -,    fra1,            0
      one, 8.8.8.8,            sin1, fra1,            0
      """)
  void scope(String service, String client, String localPop, String pops, int scope) {
    GeoResolver r = GeoResolver.create(config, localPop, HealthView.ALL_HEALTHY);
    GeoDecision d =
        r.decide(TestGeo.service(r, service + ".example.com."), TestGeo.client(client), 1);
    assertEquals(TestGeo.words(pops), d.pops());
    assertEquals(scope, d.scopePrefix(), d.location());
  }
}
