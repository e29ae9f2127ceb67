package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.anycastdns.common.yaml.ConfigProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service names are checked against the served zones: outside every zone, at or below a delegation,
 * or at a CNAME is each one line with the service's line in geo.yaml.
 */
class ZonePlacementTest {
  /** Zones example.com. (with a cut at lab. and a CNAME at alias.) and example.net. */
  private static final ZonePlacement ZONES =
      name -> {
        if (!name.endsWith(".example.com.") && !name.endsWith(".example.net.")) {
          return ZonePlacement.Kind.OUTSIDE_ZONES;
        }
        if (name.endsWith(".lab.example.com.") || name.equals("lab.example.com.")) {
          return ZonePlacement.Kind.BELOW_DELEGATION;
        }
        return name.equals("alias.example.com.")
            ? ZonePlacement.Kind.AT_CNAME
            : ZonePlacement.Kind.SERVED;
      };

  @Test
  void eachMisplacedServiceIsOneLine(@TempDir Path dir) {
    StringBuilder yaml = new StringBuilder(TestGeo.POPS).append("services:\n");
    for (String name :
        List.of(
            "www.example.com.",
            "www.example.org.",
            "host.lab.example.com.",
            "alias.example.com.",
            "api.example.net.",
            "lab.example.com.")) {
      yaml.append("  ").append(name).append(":\n    addresses: {fra1: [192.0.2.1]}\n");
    }
    GeoConfig config = TestGeo.load(dir, yaml.toString());
    assertEquals(
        List.of(
            "geo.yaml:8: service www.example.org. is in no served zone",
            "geo.yaml:10: service host.lab.example.com. is at or below a delegation; the server "
                + "answers it with a referral",
            "geo.yaml:12: service alias.example.com. owns a CNAME in its zone; a geo service "
                + "answers A and AAAA itself",
            "geo.yaml:16: service lab.example.com. is at or below a delegation; the server answers "
                + "it with a referral"),
        config.validate(ZONES).stream().map(ConfigProblem::toString).toList());
  }

  /** Until the server signs, a geo answer in a signed zone goes out unsigned: a warning each. */
  @Test
  void servicesInSignedZonesAreNamed(@TempDir Path dir) {
    ZonePlacement signedExampleNet =
        new ZonePlacement() {
          @Override
          public Kind classify(String name) {
            return ZONES.classify(name);
          }

          @Override
          public String signedZone(String name) {
            return name.endsWith(".example.net.") ? "example.net." : null;
          }
        };
    StringBuilder yaml = new StringBuilder(TestGeo.POPS).append("services:\n");
    for (String name : List.of("www.example.com.", "api.example.net.")) {
      yaml.append("  ").append(name).append(":\n    addresses: {fra1: [192.0.2.1]}\n");
    }
    GeoConfig config = TestGeo.load(dir, yaml.toString());
    assertEquals(
        List.of(
            "geo.yaml:8: service api.example.net. is in the signed zone example.net.: its geo"
                + " answers go out unsigned (the zone arrived signed and has no keys here to sign"
                + " them with), so validating"
                + " resolvers answer SERVFAIL for it; serve it from an unsigned zone, or drop it"
                + " from geo.yaml"),
        config.unsignedServices(signedExampleNet).stream().map(ConfigProblem::toString).toList());
    assertEquals(List.of(), config.unsignedServices(ZONES));
  }

  @Test
  void servedNamesPass(@TempDir Path dir) {
    GeoConfig config = TestGeo.load(dir, TestGeo.POPS + TestGeo.WWW);
    assertEquals(List.of(), config.validate(ZONES));
    assertEquals(
        List.of(), config.validate(Map.of("www.example.com.", ZonePlacement.Kind.SERVED)::get));
  }
}
