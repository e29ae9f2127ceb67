package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import net.anycastdns.server.config.ZonePolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A revision's geo.yaml goes through the same gate as its zones: checked against the zones of the
 * same revision, required to list this server's PoP, read only from the revision, served beside the
 * zone set; on a reload any problem refuses the revision.
 */
class GeoReloadTest {
  private static final String GEO =
      """
      pops:
        fra1: {lat: 50.11, lon: 8.68}
        sin1: {lat: 1.35, lon: 103.82}
      services:
        geo.a.test.:
          addresses:
            fra1: [192.0.2.10]
            sin1: [192.0.2.30]
      """;
  private static final String ZONE = TestZones.zone(1, "a");
  private static final String FRA1 = "fra1";

  private static ZoneSetLoader.Load load(String pop, String geo, ZoneSetLoader.Mode mode) {
    return ZoneSetLoader.load(
        ZoneSetLoaderTest.revision(Map.of("a.test.zone", ZONE, "geo.yaml", geo)),
        ServedRevision.EMPTY,
        ZonePolicies.DEFAULTS,
        pop,
        mode,
        1);
  }

  @Test
  void aGoodGeoYamlIsServedBesideTheZones() {
    ZoneSetLoader.Load load = load(FRA1, GEO, ZoneSetLoader.Mode.STRICT);
    assertFalse(load.refused(), load.problems().toString());
    assertNotNull(load.state().geo());
    assertEquals(Set.of("geo.a.test."), load.state().geo().serviceNames());
  }

  @Test
  void aRevisionWithoutGeoYamlServesNoGeo() {
    ZoneSetLoader.Load load =
        ZoneSetLoader.load(
            ZoneSetLoaderTest.revision(Map.of("a.test.zone", ZONE)),
            ServedRevision.EMPTY,
            ZonePolicies.DEFAULTS,
            FRA1,
            ZoneSetLoader.Mode.STRICT,
            1);
    assertFalse(load.refused());
    assertNull(load.state().geo());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "service outside every zone | geo.a.test. | geo.b.test.           | geo.yaml:5: ",
        "unknown PoP in a service   | sin1: [      | ams1: [              | geo.yaml:8: ",
        "YAML syntax                | pops:        | pops: [              | geo.yaml:",
        "mmdb outside the revision  | services:    | mmdb: /etc/passwd\\nservices: | geo.yaml:4: mmdb file /etc/passwd not found",
      })
  void aReloadWithABadGeoYamlIsRefused(String why, String from, String to, String where) {
    ZoneSetLoader.Load load =
        load(FRA1, GEO.replace(from, to.replace("\\n", "\n")), ZoneSetLoader.Mode.STRICT);
    assertTrue(load.refused(), why);
    assertTrue(load.errors().get(0).toString().startsWith(where), load.errors().toString());
  }

  @Test
  void geoYamlMustListThisServersPop() {
    ZoneSetLoader.Load load = load("ams1", GEO, ZoneSetLoader.Mode.STRICT);
    assertTrue(load.refused());
    assertEquals(
        "geo.yaml:0: this server's --pop ams1 is not one of its PoPs (fra1, sin1)",
        load.errors().get(0).toString());
  }

  @Test
  void theFirstLoadServesTheZonesWithoutABrokenGeoYaml() {
    ZoneSetLoader.Load load =
        load(FRA1, GEO.replace("geo.a.test.", "geo.b.test."), ZoneSetLoader.Mode.LENIENT);
    assertFalse(load.refused());
    assertEquals(1, load.state().zones().zones().size());
    assertNull(load.state().geo());
    assertEquals(1, load.errors().size(), load.errors().toString());
  }
}
