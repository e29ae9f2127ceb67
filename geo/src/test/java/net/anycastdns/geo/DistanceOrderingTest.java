package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PoPs are ordered by great-circle (haversine) distance from the client's location. */
class DistanceOrderingTest {
  @TempDir static Path dir;

  private static GeoResolver resolver;

  /** One /24 per city, a service answering every PoP so the whole order is visible. */
  @BeforeAll
  static void load() {
    resolver =
        GeoResolver.create(
            TestGeo.load(
                dir,
                TestGeo.POPS
                    + """
        networks:
          - {cidr: 10.0.1.0/24, lat: 48.86, lon: 2.35}     # Paris
          - {cidr: 10.0.2.0/24, lat: 40.71, lon: -74.01}   # New York
          - {cidr: 10.0.3.0/24, lat: 35.68, lon: 139.69}   # Tokyo
          - {cidr: 10.0.4.0/24, lat: -33.87, lon: 151.21}  # Sydney
          - {cidr: 10.0.5.0/24, lat: -23.55, lon: -46.63}  # Sao Paulo
          - {cidr: 10.0.6.0/24, lat: 25.20, lon: 55.27}    # Dubai
          - {cidr: 10.0.7.0/24, lat: 21.31, lon: -157.86}  # Honolulu: nearer Singapore than Frankfurt
          - {cidr: 10.0.8.0/24, lat: 1.35, lon: 103.82}    # at sin1 itself
        services:
          all.example.com.:
            pops: 3
            addresses:
              fra1: [192.0.2.10]
              iad1: [192.0.2.20]
              sin1: [192.0.2.30]
        """),
            null,
            HealthView.ALL_HEALTHY);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      textBlock =
          """
      10.0.1.9, fra1 iad1 sin1
      10.0.2.9, iad1 fra1 sin1
      10.0.3.9, sin1 fra1 iad1
      10.0.4.9, sin1 iad1 fra1
      10.0.5.9, iad1 fra1 sin1
      10.0.6.9, fra1 sin1 iad1
      10.0.7.9, iad1 sin1 fra1
      10.0.8.9, sin1 fra1 iad1
      """)
  void nearestFirst(String client, String order) {
    GeoDecision d =
        resolver.decide(TestGeo.service(resolver, "all.example.com."), TestGeo.client(client), 1);
    assertEquals(TestGeo.words(order), d.popOrder());
    assertEquals(TestGeo.words(order), d.pops());
  }

  /** Known great-circle distances, within half a percent. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
      Paris-London,          48.8566,   2.3522,  51.5074,   -0.1278,   344
      Frankfurt-Dulles,      50.11,     8.68,    38.95,    -77.45,    6553
      Singapore-Sydney,       1.35,   103.82,   -33.87,    151.21,    6306
      across the date line,   0,      179.5,      0,      -179.5,      111
      pole to pole,          90,        0,      -90,         0,      20015
      same point,            12.5,     45,       12.5,      45,          0
      """)
  void haversine(String what, double lat1, double lon1, double lat2, double lon2, double km) {
    assertEquals(km, GreatCircle.km(lat1, lon1, lat2, lon2), Math.max(1, km * 0.005), what);
  }

  /** Equal distances keep file order, so answers do not flip between equivalent PoPs. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
      between a and b on the equator, 0,  0,  a b c
      between b and c,                0,  30, b c a
      """)
  void tiesKeepFileOrder(String what, double lat, double lon, String order) {
    List<Pop> pops =
        List.of(new Pop("a", 0, 0, -10), new Pop("b", 1, 0, 10), new Pop("c", 2, 0, 50));
    int[] idx = PopOrders.byDistance(pops, lat, lon);
    assertEquals(
        TestGeo.words(order), Arrays.stream(idx).mapToObj(i -> pops.get(i).name()).toList(), what);
  }
}
