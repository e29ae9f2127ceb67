package net.anycastdns.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Unbound;
import net.anycastdns.zones.TestSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Record;

/**
 * A real validating resolver in front of the server: Debian's {@code unbound}, holding the test
 * zones' keys as trust anchors and sending their queries to this server (stub zones), must find
 * every answer secure (AD) - positive, NXDOMAIN, NODATA, empty non-terminal, wildcard, CNAME,
 * DNAME, DS at cuts - for a zone under NSEC and one under NSEC3. Where {@code unbound} is missing
 * the test is skipped with a message; with {@code CI=true} it fails instead ({@code .ci/run}
 * installs it).
 */
class UnboundValidationTest {
  private static final List<String> ZONES = List.of("nsec.example.", "nsec3.example.");

  @TempDir static Path dir;
  private static RunningServer server;
  private static Unbound unbound;

  @BeforeAll
  static void start() throws Exception {
    Path zones = Files.createDirectories(dir.resolve("zones"));
    Files.writeString(
        zones.resolve("nsec.example.zone"),
        TestSigner.sign("nsec.example.", ExampleZones.PROOFS, TestSigner.Denial.NSEC));
    Files.writeString(
        zones.resolve("nsec3.example.zone"),
        TestSigner.sign("nsec3.example.", ExampleZones.PROOFS, TestSigner.Denial.NSEC3));
    server = RunningServer.folder(zones);
    List<Record> anchors = ZONES.stream().map(z -> (Record) TestSigner.dnskey(z, 3600)).toList();
    unbound = Unbound.start("UnboundValidationTest", dir, anchors, ZONES, server.dnsAddress());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (unbound != null) {
      unbound.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # name                 | type  | rcode
      www                    | A     | NOERROR
      ns1                    | A     | NOERROR
      nx                     | A     | NXDOMAIN
      a.www                  | A     | NXDOMAIN
      www                    | MX    | NOERROR
      b.ent                  | TXT   | NOERROR
      c.ent                  | TXT   | NXDOMAIN
      alice.users            | TXT   | NOERROR
      a.b.users              | TXT   | NOERROR
      alice.users            | A     | NOERROR
      alias                  | A     | NOERROR
      bob.redirect           | TXT   | NOERROR
      secure                 | DS    | NOERROR
      insecure               | DS    | NOERROR
      @                      | DNSKEY | NOERROR
      """)
  void everyAnswerIsSecure(String name, String type, String rcode) throws IOException {
    for (String zone : ZONES) {
      unbound.assertAnswer(name.equals("@") ? zone : name + "." + zone, type, rcode, true);
    }
  }
}
