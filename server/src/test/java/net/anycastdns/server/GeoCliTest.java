package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line around GeoDNS: {@code check} reads geo.yaml; {@code geo-test}. */
class GeoCliTest {
  private static final String ZONE =
      """
      $TTL 3600
      @     IN SOA   ns1 hostmaster 2024010101 7200 3600 1209600 300
      @     IN NS    ns1
      ns1   IN A     192.0.2.53
      www   IN CNAME ns1
      lab   IN NS    ns.lab
      ns.lab IN A    192.0.2.54
      """;
  private static final String GEO =
      """
      pops:
        fra1: {lat: 50.11, lon: 8.68}
        sin1: {lat: 1.35, lon: 103.82}
      networks:
        - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}
      services:
        geo.example.com.:
          ttl: 30
          addresses:
            fra1: [192.0.2.10]
            sin1: [192.0.2.30, "2001:db8:5::30"]
      """;

  @TempDir Path dir;

  private Path folder(String geo) throws IOException {
    Files.writeString(dir.resolve("example.com.zone"), ZONE);
    Files.writeString(dir.resolve("geo.yaml"), geo);
    return dir;
  }

  @Test
  void checkAcceptsAGoodGeoYaml() throws IOException {
    CliTest.Run r = CliTest.run("check", folder(GEO).toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(List.of("1 of 1 zones ok, geo.yaml ok"), r.outLines());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "www.example.com.  | CNAME",
        "host.lab.example.com. | delegation",
        "www.example.net.  | no served zone",
      })
  void checkReportsServiceNamesWhereNoGeoAnswerCanStand(String name, String why)
      throws IOException {
    CliTest.Run r = CliTest.run("check", folder(GEO.replace("geo.example.com.", name)).toString());
    assertEquals(1, r.status());
    List<String> lines = r.outLines();
    assertEquals(2, lines.size(), r.out());
    assertEquals("1 of 1 zones ok, geo.yaml has problems", lines.get(1));
    assertTrue(lines.get(0).startsWith(dir.resolve("geo.yaml") + ":"), lines.get(0));
    assertTrue(lines.get(0).contains(why), lines.get(0));
    CliTest.assertNoStackTrace(r.out() + r.err());
  }

  @Test
  void checkReportsFileProblemsWithLines() throws IOException {
    CliTest.Run r =
        CliTest.run(
            "check",
            folder(GEO.replace("198.51.100.0/24", "198.51.100.1/24").replace("sin1: [", "ams1: ["))
                .toString());
    assertEquals(1, r.status());
    assertEquals(3, r.outLines().size(), r.out());
    assertTrue(
        r.outLines().subList(0, 2).stream().allMatch(l -> l.matches(".*geo\\.yaml:\\d+: .*")),
        r.out());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "198.51.100.9/24, A,    fra1, 192.0.2.10,     /24",
    "198.51.100.9/24, AAAA, sin1, 2001:db8:5::30, /0",
    "192.0.2.1,       A,    sin1, 192.0.2.30,     ''",
  })
  void geoTestShowsLocationOrderAnswerAndScope(
      String client, String type, String answered, String address, String scope)
      throws IOException {
    CliTest.Run r =
        CliTest.run(
            "geo-test",
            "--zones",
            folder(GEO).toString(),
            "--pop",
            "sin1",
            client,
            "geo.example.com",
            type);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("answered:  " + answered), r.out());
    assertTrue(r.out().contains(" IN " + type + " " + address), r.out());
    assertTrue(r.out().contains("scope:     " + scope), r.out());
    assertTrue(r.out().contains("location:  "), r.out());
    assertTrue(r.out().contains("pop order: "), r.out());
  }

  @Test
  void geoTestRefusesANameThatIsNoService() throws IOException {
    String line =
        CliTest.run("geo-test", "--zones", folder(GEO).toString(), "192.0.2.1", "www.example.com")
            .usageError();
    assertTrue(line.contains("not a service"), line);
  }
}
