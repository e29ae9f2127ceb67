package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A and AAAA queries are answered from the first {@code pops} PoPs that have addresses of that
 * type, nearest first, each address once; a type no PoP has is NODATA.
 */
class AddressTypeTest {
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
          - {cidr: 198.51.100.0/24, lat: 40.71, lon: -74.01}   # New York
        services:
          www.example.com.:
            ttl: 45
            pops: 2
            addresses:
              fra1: [192.0.2.10, 192.0.2.11, "2001:db8:f::10"]
              iad1: [192.0.2.20]
              sin1: ["2001:db8:5::30"]
          shared.example.com.:
            ttl: 2m
            pops: 2
            addresses:
              fra1: 192.0.2.99
              iad1: [192.0.2.99, 192.0.2.20]
          v6.example.com.:
            addresses:
              iad1: ["2001:db8:1::1"]
        """),
            null,
            HealthView.ALL_HEALTHY);
  }

  @ParameterizedTest(name = "{0} type {1} -> {2}")
  @CsvSource(
      textBlock =
          """
      www,    1,  iad1 fra1, 192.0.2.20 192.0.2.10 192.0.2.11,   45
      www,    28, fra1 sin1, 2001:db8:f::10 2001:db8:5::30,      45
      shared, 1,  iad1 fra1, 192.0.2.99 192.0.2.20,              120
      shared, 28, -,         -,                                  120
      v6,     1,  -,         -,                                  30
      v6,     28, iad1,      2001:db8:1::1,                      30
      """)
  void firstPopsWithTheType(String service, int qtype, String pops, String addresses, long ttl) {
    GeoDecision d =
        resolver.decide(
            TestGeo.service(resolver, service + ".example.com."),
            TestGeo.client("198.51.100.7"),
            qtype);
    assertEquals(qtype, d.type());
    assertEquals(ttl, d.ttl());
    assertEquals(TestGeo.words(pops), d.pops());
    assertEquals(TestGeo.words(addresses), TestGeo.addresses(d));
    for (byte[] rdata : d.rdata()) {
      assertEquals(qtype == 1 ? 4 : 16, rdata.length);
    }
  }
}
