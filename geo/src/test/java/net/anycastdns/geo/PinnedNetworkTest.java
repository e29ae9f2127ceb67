package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A network pinned to a PoP puts that PoP first, then the others by distance from it, whatever the
 * client's geography; a pinned PoP that is down gives way to the next in that order.
 */
class PinnedNetworkTest {
  @TempDir static Path dir;

  private static GeoResolver resolver;

  @BeforeAll
  static void load() {
    resolver =
        GeoResolver.create(
            TestGeo.load(
                dir,
                """
        pops:
          fra1: {lat: 50.11, lon: 8.68}
          iad1: {lat: 38.95, lon: -77.45}
          sin1: {lat: 1.35, lon: 103.82}
          ams1: {lat: 52.37, lon: 4.90}
        down: [ams1]
        networks:
          - {cidr: 203.0.113.0/25, pop: sin1}
          - {cidr: 203.0.113.128/25, pop: iad1}
          - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}
          - {cidr: 198.51.100.0/28, pop: sin1}
          - {cidr: 192.0.2.0/24, pop: ams1}
          - {cidr: "2001:db8:5::/48", pop: sin1}
        services:
          www.example.com.:
            pops: 2
            addresses:
              fra1: [192.0.2.10]
              iad1: [192.0.2.20]
              sin1: [192.0.2.30]
              ams1: [192.0.2.40]
        """),
            null,
            HealthView.ALL_HEALTHY);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      textBlock =
          """
      203.0.113.7,     sin1 fra1 ams1 iad1, sin1 fra1
      203.0.113.200,   iad1 ams1 fra1 sin1, iad1 fra1
      198.51.100.7,    sin1 fra1 ams1 iad1, sin1 fra1
      198.51.100.17,   ams1 fra1 iad1 sin1, fra1 iad1
      192.0.2.1,       ams1 fra1 iad1 sin1, fra1 iad1
      2001:db8:5::1,   sin1 fra1 ams1 iad1, sin1 fra1
      """)
  void pinnedPopFirstThenByDistanceFromIt(String client, String order, String answered) {
    GeoDecision d =
        resolver.decide(TestGeo.service(resolver, "www.example.com."), TestGeo.client(client), 1);
    assertEquals(TestGeo.words(order), d.popOrder());
    assertEquals(TestGeo.words(answered), d.pops());
  }
}
