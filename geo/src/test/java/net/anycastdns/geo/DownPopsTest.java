package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PoPs listed under {@code down} are never answered while listed; the next nearest is. */
class DownPopsTest {
  @ParameterizedTest(name = "down [{0}], {1} type {2}, local {3} -> {4}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      -,          198.51.100.7,  1,  -,     fra1
      fra1,       198.51.100.7,  1,  -,     iad1
      fra1 iad1,  198.51.100.7,  1,  -,     sin1
      fra1,       198.51.100.7,  28, -,     sin1
      sin1,       198.51.100.7,  28, -,     fra1
      iad1,       192.0.2.99,    1,  iad1,  fra1
      iad1,       -,             1,  iad1,  fra1
      fra1,       192.0.2.99,    1,  -,     iad1
      """)
  void drainedPopsAreSkipped(
      String down, String client, int qtype, String localPop, String answered, @TempDir Path dir) {
    GeoConfig config =
        TestGeo.load(
            dir,
            TestGeo.POPS
                + "down: ["
                + String.join(", ", TestGeo.words(down == null ? "-" : down))
                + "]\n"
                + "networks:\n  - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}\n"
                + TestGeo.WWW);
    assertEquals(TestGeo.words(down == null ? "-" : down), config.downPops());
    GeoResolver r = GeoResolver.create(config, localPop, HealthView.ALL_HEALTHY);
    GeoDecision d =
        r.decide(
            TestGeo.service(r, "www.example.com."),
            client == null ? ClientSubnet.NONE : TestGeo.client(client),
            qtype);
    assertEquals(TestGeo.words(answered), d.pops());
    assertFalse(d.failOpen());
  }
}
