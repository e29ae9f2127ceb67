package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake in geo.yaml is one line {@code geo.yaml:LINE: message}, and all of them are
 * reported at once, in line order. {@code DIR} in an expected line stands for the config's folder;
 * an expected line ending in {@code ...} only has to start the real one.
 */
class GeoConfigValidationTest {
  private static final String FRA = "pops:\n  fra1: {lat: 50.11, lon: 8.68}\n";

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "unknown pop in networks",
            FRA
                + """
            networks:
              - {cidr: 198.51.100.0/24, pop: xyz1}
            """,
            List.of("geo.yaml:4: unknown pop 'xyz1' in network 198.51.100.0/24 (pops are fra1)")),
        Arguments.of(
            "unknown pop in down",
            FRA
                + """
            down: [fra1, nope]
            """,
            List.of("geo.yaml:3: unknown pop 'nope' in down (pops are fra1)")),
        Arguments.of(
            "unknown pop in a service",
            FRA
                + """
            services:
              www.example.com.:
                addresses:
                  fra1: [192.0.2.1]
                  ams1: [192.0.2.2]
            """,
            List.of(
                "geo.yaml:7: unknown pop 'ams1' in addresses of service "
                    + "www.example.com. (pops are fra1)")),
        Arguments.of(
            "bad CIDRs",
            FRA
                + """
            networks:
              - {cidr: 198.51.100.7/24, lat: 1, lon: 2}
              - {cidr: 198.51.100.0/33, lat: 1, lon: 2}
              - {cidr: "2001:db8::1/64", lat: 1, lon: 2}
              - {cidr: not-an-ip/8, lat: 1, lon: 2}
              - {cidr: 10.0.0.0/08, lat: 1, lon: 2}
              - {lat: 1, lon: 2}
            """,
            List.of(
                "geo.yaml:4: bad CIDR: '198.51.100.7/24' has host bits set; the network is "
                    + "198.51.100.0/24",
                "geo.yaml:5: bad CIDR: '198.51.100.0/33': prefix length must be 0 to 32",
                "geo.yaml:6: bad CIDR: '2001:db8::1/64' has host bits set; the network is "
                    + "2001:db8::/64",
                "geo.yaml:7: bad CIDR: 'not-an-ip/8': 'not-an-ip' is not an IP address",
                "geo.yaml:8: bad CIDR: '10.0.0.0/08': bad prefix length '08'",
                "geo.yaml:9: network needs cidr")),
        Arguments.of(
            "a network listed twice, or located twice",
            FRA
                + """
            networks:
              - {cidr: 198.51.100.0/24, lat: 1, lon: 2}
              - {cidr: 198.51.100.0/24, pop: fra1}
              - {cidr: 203.0.113.0/24, lat: 1, lon: 2, pop: fra1}
              - {cidr: 192.0.2.0/24}
              - {cidr: 192.0.3.0/24, lat: 91, lon: 2}
            """,
            List.of(
                "geo.yaml:5: network 198.51.100.0/24 is listed twice (first on line 4)",
                "geo.yaml:6: network 203.0.113.0/24: give lat and lon, or pop, not both",
                "geo.yaml:7: network 192.0.2.0/24 needs lat and lon, or pop",
                "geo.yaml:8: lat of network 192.0.3.0/24 must be a number from -90 to 90, not '91'")),
        Arguments.of(
            "bad addresses",
            FRA
                + """
            services:
              www.example.com.:
                addresses:
                  fra1: [192.0.2.300, www.example.com, 192.0.2.1, 192.0.2.1]
            """,
            List.of(
                "geo.yaml:6: bad address '192.0.2.300' at fra1 in service www.example.com. "
                    + "(write IPv4 or IPv6 addresses, not names)",
                "geo.yaml:6: bad address 'www.example.com' at fra1 in service www.example.com. "
                    + "(write IPv4 or IPv6 addresses, not names)",
                "geo.yaml:6: address 192.0.2.1 is listed twice at fra1 in service "
                    + "www.example.com.")),
        Arguments.of(
            "missing mmdb",
            FRA + "mmdb: GeoLite2-City.mmdb\n",
            List.of("geo.yaml:3: mmdb file GeoLite2-City.mmdb not found beside geo.yaml")),
        Arguments.of(
            "not an mmdb",
            FRA + "mmdb: geo.yaml\n",
            List.of("geo.yaml:3: mmdb file geo.yaml is not a MaxMind DB: ...")),
        Arguments.of(
            "unknown keys",
            FRA
                + """
            service:
              www.example.com.: {}
            services:
              www.example.com.:
                tll: 30
                addresses: {fra1: 192.0.2.1}
                check: {tcp: 443, intervall: 5s}
            """,
            List.of(
                "geo.yaml:3: unknown key 'service' at the top level: did you mean 'services'?"
                    + " (known: pops, networks, mmdb, down, services)",
                "geo.yaml:7: unknown key 'tll' in service www.example.com.: did you mean 'ttl'?"
                    + " (known: ttl, pops, addresses, check)",
                "geo.yaml:9: unknown key 'intervall' in check of service www.example.com.: did you"
                    + " mean 'interval'? (known: tcp, interval, timeout, rise, fall)")),
        Arguments.of(
            "bad durations, rise and fall",
            FRA
                + """
            services:
              a.example.com.:
                addresses: {fra1: [192.0.2.1]}
                check: {tcp: 443, interval: 5x, timeout: 0s, rise: 0, fall: -1}
              b.example.com.:
                addresses: {fra1: [192.0.2.1]}
                check:
                  tcp: 70000
                  interval: 1s
                  timeout: 2s
                  rise: two
              c.example.com.:
                addresses: {fra1: [192.0.2.1]}
                check: {interval: 1m}
            """,
            List.of(
                "geo.yaml:6: interval: bad duration '5x' (use 500ms, 10s, 2m or 1h)",
                "geo.yaml:6: timeout must be longer than 0",
                "geo.yaml:6: rise must be at least 1",
                "geo.yaml:6: fall must be at least 1",
                "geo.yaml:10: tcp port of service b.example.com. must be at most 65535",
                "geo.yaml:12: check timeout 2s is longer than the interval 1s",
                "geo.yaml:13: rise must be a whole number, not 'two'",
                "geo.yaml:16: check of service c.example.com. needs tcp: PORT")),
        Arguments.of(
            "service names, ttl and pops",
            FRA
                + """
            services:
              www..example.com.: {addresses: {fra1: [192.0.2.1]}}
              "*.example.com.": {addresses: {fra1: [192.0.2.1]}}
              www.example.com.: {ttl: soon, pops: 0, addresses: {fra1: [192.0.2.1]}}
              WWW.Example.COM: {addresses: {fra1: [192.0.2.1]}}
              empty.example.com.: {ttl: 30s}
            """,
            List.of(
                "geo.yaml:4: bad service name 'www..example.com.': empty label",
                "geo.yaml:5: bad service name '*.example.com.': wildcards are not supported, list "
                    + "each name",
                "geo.yaml:6: ttl of service www.example.com. must be seconds (30) or a duration "
                    + "(30s, 5m), not 'soon'",
                "geo.yaml:6: pops of service www.example.com. must be at least 1",
                "geo.yaml:7: service www.example.com. is listed twice (first on line 6)",
                "geo.yaml:8: service empty.example.com. has no addresses")),
        Arguments.of(
            "pops",
            """
            pops:
              fra1: {lat: 50.11, lon: 8.68}
              fra1: {lat: 50.11, lon: 8.68}
              "bad pop": {lat: 1, lon: 2}
              iad1: {lat: 38.95}
              sin1: {lat: 1.35, lon: east}
            """,
            List.of(
                "geo.yaml:3: duplicate key 'fra1' (first on line 2)",
                "geo.yaml:4: bad pop name 'bad pop' (use letters, digits, -, _ and .)",
                "geo.yaml:5: pop iad1 needs lon",
                "geo.yaml:6: lon of pop sin1 must be a number from -180 to 180, not 'east'")),
        Arguments.of(
            "wrong shapes",
            """
            pops: [fra1]
            networks: {cidr: 10.0.0.0/8}
            services:
              www.example.com.: [192.0.2.1]
            """,
            List.of(
                "geo.yaml:1: pops must be a mapping (key: value lines)",
                "geo.yaml:2: networks must be a list",
                "geo.yaml:4: service www.example.com. must be a mapping (key: value lines)")),
        Arguments.of(
            "YAML syntax",
            FRA
                + """
            services:
              www.example.com.: {addresses: [}
            """,
            List.of("geo.yaml:4: YAML syntax: ...")),
        Arguments.of(
            "not a mapping at all",
            "just text\n",
            List.of(
                "geo.yaml:1: the file must be a mapping of keys to values (pops, networks, mmdb, down,"
                    + " services)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakesAreReportedWithTheirLines(
      String what, String yaml, List<String> expected, @TempDir Path dir) {
    List<String> problems = TestGeo.problems(dir, yaml);
    assertEquals(expected.size(), problems.size(), String.join("\n", problems));
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i).replace("DIR", dir.toAbsolutePath().normalize().toString());
      if (e.endsWith("...")) {
        assertTrue(problems.get(i).startsWith(e.substring(0, e.length() - 3)), problems.get(i));
      } else {
        assertEquals(e, problems.get(i));
      }
    }
  }

  /** The example of the issue, every key of it, loads as written (with a test database). */
  @Test
  void theDocumentedExampleLoads(@TempDir Path dir) throws Exception {
    new MmdbWriter(6, 24)
        .city("81.2.69.0/24", "London", 51.51, -0.13)
        .write(dir.resolve("GeoLite2-City.mmdb"));
    GeoConfig c =
        TestGeo.load(
            dir,
            """
        pops:                       # every PoP with its coordinates
          fra1: {lat: 50.11, lon: 8.68}
          iad1: {lat: 38.95, lon: -77.45}
          sin1: {lat: 1.35, lon: 103.82}
        networks:                   # client networks -> location; longest prefix wins
          - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}
          - {cidr: 203.0.113.0/25, pop: sin1}        # or pin a network to a PoP
        mmdb: GeoLite2-City.mmdb    # optional MaxMind database (City schema)
        down: [iad1]                # PoPs drained by operators
        services:
          www.example.com.:
            ttl: 30
            pops: 1                 # the addresses of the N closest PoPs (default 1)
            addresses:
              fra1: [192.0.2.10, "2001:db8:f::10"]
              iad1: [192.0.2.20]
              sin1: [192.0.2.30, "2001:db8:5::30"]
            check: {tcp: 443, interval: 5s, timeout: 1s, rise: 2, fall: 3}
        """);
    assertEquals(List.of("fra1", "iad1", "sin1"), c.popNames());
    assertEquals(List.of("www.example.com."), List.copyOf(c.serviceNames()));
    assertEquals(List.of("iad1"), c.downPops());
    assertEquals(5, c.checkTargets().size(), "every address of the checked service");
  }

  @Test
  void anEmptyFileIsAnEmptyConfig(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("geo.yaml"), "# nothing yet\n");
    GeoConfig c = GeoConfig.load(dir.resolve("geo.yaml"));
    assertEquals(List.of(), c.popNames());
    assertEquals(List.of(), List.copyOf(c.serviceNames()));
  }
}
