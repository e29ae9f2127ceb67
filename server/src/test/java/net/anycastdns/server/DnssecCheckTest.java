package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.anycastdns.zones.TestSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on signed zones: it verifies every signature (data changed after signing is an
 * error a load alone cannot see), says when signatures run out, and names the GeoDNS services whose
 * answers would go out unsigned.
 */
class DnssecCheckTest {
  private static final String ZONE =
      """
      $TTL 3600
      @     SOA   ns1 hostmaster 1 7200 900 1209600 300
            NS    ns1
      ns1   A     192.0.2.53
      www   A     192.0.2.80
      """;

  @TempDir Path dir;

  @Test
  void aGoodSignedZone() throws IOException {
    write("example.test.zone", TestSigner.sign("example.test.", ZONE, TestSigner.Denial.NSEC3));
    CliTest.Run r = CliTest.run("check", dir.toString());
    assertAll(
        () -> assertEquals(0, r.status(), r.out() + r.err()),
        () -> assertEquals(List.of("1 of 1 zones ok"), r.out().lines().toList()));
  }

  @Test
  void dataChangedAfterSigningFailsTheCheck() throws IOException {
    String signed = TestSigner.sign("example.test.", ZONE, TestSigner.Denial.NSEC);
    write("example.test.zone", signed.replace("192.0.2.80", "192.0.2.81"));
    CliTest.Run r = CliTest.run("check", dir.toString());
    List<String> lines = r.out().lines().toList();
    assertAll(
        () -> assertEquals(1, r.status(), r.out() + r.err()),
        () ->
            assertTrue(
                lines.get(0).startsWith(dir.resolve("example.test.zone") + ":"), lines.get(0)),
        () ->
            assertTrue(
                lines.get(0).contains(": no RRSIG of www.example.test. A verifies (key "),
                lines.get(0)),
        () -> assertEquals("0 of 1 zones ok", lines.get(1)));
  }

  @Test
  void signaturesRunningOutAreAWarning() throws IOException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expiration = now.plus(Duration.ofDays(3));
    write(
        "example.test.zone",
        TestSigner.sign(
            "example.test.",
            ZONE,
            TestSigner.Denial.NSEC3,
            now.minus(Duration.ofDays(1)),
            expiration));
    CliTest.Run r = CliTest.run("check", dir.toString());
    List<String> lines = r.out().lines().toList();
    assertAll(
        () -> assertEquals(0, r.status(), r.out() + r.err()),
        () -> assertEquals(2, lines.size(), r.out()),
        () ->
            assertTrue(
                lines
                    .get(0)
                    .contains(
                        ": warning: RRSIGs of 9 RRsets expire within 7 days, the first at "
                            + expiration
                            + " (example.test. NS): sign the zone again before then"),
                lines.get(0)));
  }

  @Test
  void geoServicesInSignedZonesAreNamed() throws IOException {
    write("example.test.zone", TestSigner.sign("example.test.", ZONE, TestSigner.Denial.NSEC3));
    write(
        "geo.yaml",
        """
        pops:
          fra1: {lat: 50.11, lon: 8.68}
        services:
          www.example.test.:
            addresses: {fra1: [192.0.2.10]}
        """);
    CliTest.Run r = CliTest.run("check", dir.toString());
    List<String> lines = r.out().lines().toList();
    assertAll(
        () -> assertEquals(0, r.status(), r.out() + r.err()),
        () ->
            assertEquals(
                dir.resolve("geo.yaml")
                    + ":4: warning: service www.example.test. is in the signed zone example.test.:"
                    + " its geo answers go out unsigned (the zone arrived signed and has no keys here"
                    + " to sign them with), so"
                    + " validating resolvers answer SERVFAIL for it; serve it from an unsigned"
                    + " zone, or drop it from geo.yaml",
                lines.get(0)));
  }

  private void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text);
  }
}
