package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sample configuration of /etc/anycast-dns works as installed: the zones pass {@code check},
 * {@code serve --config server.yaml} serves them, and the sidecar's sample self-test passes against
 * that server.
 */
class SampleConfigurationIT {
  @Test
  void sampleZonesPassCheck() {
    Commands.Result check =
        InstalledPackage.run(
            "anycast-dns", "check", InstalledPackage.path("/etc/anycast-dns/zones").toString());

    assertEquals(0, check.exit(), check.toString());
  }

  @Test
  void serverYamlPassesCheck() throws Exception {
    Path etc = InstalledPackage.path("/etc/anycast-dns");
    // The sample names /etc/anycast-dns/zones; here the package is unpacked elsewhere.
    Path config = InstalledPackage.root().resolveSibling("server-check.yaml");
    Files.writeString(
        config,
        Files.readString(etc.resolve("server.yaml"))
            .replace("zones: /etc/anycast-dns/zones", "zones: " + etc.resolve("zones")));

    Commands.Result check =
        InstalledPackage.run("anycast-dns", "check", "--config", config.toString());

    assertEquals(0, check.exit(), check.toString());
    assertTrue(check.out().endsWith("zones ok, geo.yaml ok\n"), check.out());
  }

  @Test
  void serverYamlServesAndTheSidecarsSelfTestPasses() throws Exception {
    Path etc = InstalledPackage.path("/etc/anycast-dns");
    try (InstalledServer server =
        InstalledServer.start(
            "--config", etc.resolve("server.yaml").toString(),
            "--zones", etc.resolve("zones").toString())) {
      // The test's server, and a state folder where postinst would have made /var/lib/anycast-dns.
      Path state = Files.createDirectories(InstalledPackage.root().resolveSibling("var-lib"));
      Path sidecarYaml = InstalledPackage.root().resolveSibling("sidecar-test.yaml");
      Files.writeString(
          sidecarYaml,
          Files.readString(etc.resolve("sidecar.yaml"))
              .replace("server: 127.0.0.1:53", "server: 127.0.0.1:" + server.port)
              .replace("/var/lib/anycast-dns/", state + "/"));

      Commands.Result check =
          InstalledPackage.run("anycast-dns-sidecar", "check", "--config", sidecarYaml.toString());

      assertEquals(0, check.exit(), check + server.log());
      assertTrue(check.out().contains("healthy: 127.0.0.1:" + server.port), check.out());
    }
  }
}
