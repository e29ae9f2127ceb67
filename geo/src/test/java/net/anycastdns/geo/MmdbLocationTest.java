package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Clients outside every network are located through a MaxMind City database, here one the test
 * writes itself (with 24- and 28-bit records). Networks still win over the database, and the scope
 * starts from the database record's network.
 */
class MmdbLocationTest {
  private static final String CONFIG =
      TestGeo.POPS
          + """
      networks:
        - {cidr: 175.16.199.128/25, pop: fra1}
        - {cidr: 81.2.69.64/26, pop: iad1}
      mmdb: test.mmdb
      """
          + TestGeo.WWW;

  @TempDir static Path dir;

  private static List<GeoResolver> resolvers;
  private static GeoResolver ipv4Only;

  @BeforeAll
  static void load() throws Exception {
    resolvers = List.of(resolver(24), resolver(28));
    Path d = Files.createDirectory(dir.resolve("v4"));
    new MmdbWriter(4, 24)
        .city("81.2.69.0/24", "London", 51.51, -0.13)
        .write(d.resolve("test.mmdb"));
    ipv4Only = GeoResolver.create(TestGeo.load(d, CONFIG), "sin1", HealthView.ALL_HEALTHY);
  }

  private static GeoResolver resolver(int recordSize) throws Exception {
    Path d = Files.createDirectory(dir.resolve("r" + recordSize));
    new MmdbWriter(6, recordSize)
        .city("81.2.69.0/24", "London", 51.51, -0.13)
        .city("81.2.69.128/25", "Singapore", 1.29, 103.85)
        .city("175.16.199.0/24", "Changchun", 43.88, 125.32)
        .city("216.160.83.56/29", "Milton", 47.25, -122.31)
        .add("89.160.20.112/28", Map.of("country", Map.of("iso_code", "SE")))
        .city("2001:db8:100::/48", "New York", 40.71, -74.01)
        .write(d.resolve("test.mmdb"));
    return GeoResolver.create(TestGeo.load(d, CONFIG), "sin1", HealthView.ALL_HEALTHY);
  }

  @ParameterizedTest(name = "{0} -> {2} /{3}")
  @CsvSource(
      textBlock =
          """
      81.2.69.5,        'mmdb 51.51,-0.13 in 81.2.69.0/25',                            fra1, 26
      81.2.69.0/24,     'mmdb 51.51,-0.13 in 81.2.69.0/25',                            fra1, 26
      81.2.69.70,       'network 81.2.69.64/26 pinned to iad1',                        iad1, 26
      81.2.69.200,      'mmdb 1.29,103.85 in 81.2.69.128/25',                          sin1, 25
      175.16.199.7,     'mmdb 43.88,125.32 in 175.16.199.0/24',                        sin1, 25
      175.16.199.200,   'network 175.16.199.128/25 pinned to fra1',                    fra1, 25
      216.160.83.57,    'mmdb 47.25,-122.31 in 216.160.83.56/29',                      iad1, 29
      89.160.20.120,    'unknown (test.mmdb has no location for 89.160.20.112/28): local pop sin1 first', sin1, 28
      8.8.8.8,          'unknown (test.mmdb has no location for 0.0.0.0/2): local pop sin1 first',       sin1, 2
      2001:db8:100::1,  'mmdb 40.71,-74.01 in 2001:db8:100::/48',                      iad1, 48
      """)
  void locatedByTheDatabase(String client, String location, String pop, int scope) {
    for (GeoResolver r : resolvers) {
      GeoDecision d = r.decide(TestGeo.service(r, "www.example.com."), TestGeo.client(client), 1);
      assertEquals(location, d.location());
      assertEquals(List.of(pop), d.pops());
      assertEquals(scope, d.scopePrefix(), d.location());
    }
  }

  /** An IPv4-only database knows nothing of IPv6 clients: unknown, for all of IPv6 alike. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
      81.2.69.5,        'mmdb 51.51,-0.13 in 81.2.69.0/24',   fra1, 26
      2001:db8:100::1,  'unknown: local pop sin1 first',      sin1, 0
      """)
  void ipv4OnlyDatabase(String client, String location, String pop, int scope) {
    GeoResolver r = ipv4Only;
    GeoDecision d = r.decide(TestGeo.service(r, "www.example.com."), TestGeo.client(client), 1);
    assertEquals(location, d.location());
    assertEquals(List.of(pop), d.pops());
    assertEquals(scope, d.scopePrefix());
  }
}
