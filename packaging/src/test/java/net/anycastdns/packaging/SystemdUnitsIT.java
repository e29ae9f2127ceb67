package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The systemd units: {@code systemd-analyze verify} accepts both as installed (directives, the
 * programs they run, the units they are ordered against, the man pages they name), and they say
 * what an operator relies on: port 53 without root, reload by SIGHUP, fail-closed sidecar.
 */
class SystemdUnitsIT {
  private static final String UNITS = "/usr/lib/systemd/system/";

  /**
   * The package's /usr/bin, man pages and units are laid over the host's in a mount namespace of
   * this test's own (nothing of the host changes), so that systemd-analyze sees them installed.
   */
  @Test
  void systemdAnalyzeVerifyAcceptsBothUnits() {
    Tools.require("systemd-analyze", "unshare", "mount", "man");
    Tools.requireRoot("the units are checked in a mount namespace");
    String overlays =
        List.of("usr/bin", "usr/share/man", "usr/lib/systemd/system").stream()
            .map(
                dir ->
                    "mount -t overlay overlay -o lowerdir="
                        + InstalledPackage.path("/" + dir)
                        + ":/"
                        + dir
                        + " /"
                        + dir)
            .reduce((a, b) -> a + " && " + b)
            .orElseThrow();
    Commands.Result verify =
        Commands.run(
            List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                overlays
                    + " && systemd-analyze verify anycast-dns.service anycast-dns-sidecar.service"));
    System.out.println("systemd-analyze verify: " + verify);

    assertEquals(0, verify.exit(), verify.toString());
    assertEquals("", verify.out() + verify.err(), "no warning either");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          anycast-dns.service         | ExecStart=/usr/bin/anycast-dns serve --config /etc/anycast-dns/server.yaml
          anycast-dns.service         | User=anycast-dns
          anycast-dns.service         | AmbientCapabilities=CAP_NET_BIND_SERVICE
          anycast-dns.service         | CapabilityBoundingSet=CAP_NET_BIND_SERVICE
          anycast-dns.service         | NoNewPrivileges=yes
          anycast-dns.service         | ProtectSystem=strict
          anycast-dns.service         | ProtectHome=yes
          anycast-dns.service         | PrivateTmp=yes
          anycast-dns.service         | StateDirectory=anycast-dns
          anycast-dns.service         | ExecReload=/bin/kill -HUP $MAINPID
          anycast-dns.service         | SuccessExitStatus=143
          anycast-dns.service         | Restart=on-failure
          anycast-dns-sidecar.service | ExecStart=/usr/bin/anycast-dns-sidecar run --config /etc/anycast-dns/sidecar.yaml
          anycast-dns-sidecar.service | ExecStopPost=/usr/bin/anycast-dns-sidecar withdraw --config /etc/anycast-dns/sidecar.yaml
          anycast-dns-sidecar.service | After=network-online.target anycast-dns.service bird.service gobgpd.service
          anycast-dns-sidecar.service | PartOf=anycast-dns.service
          anycast-dns-sidecar.service | SuccessExitStatus=143
          anycast-dns-sidecar.service | Restart=always
          anycast-dns-sidecar.service | User=anycast-dns
          """)
  void unitSays(String unit, String line) throws IOException {
    List<String> lines = Files.readAllLines(InstalledPackage.path(UNITS + unit));
    assertTrue(lines.contains(line), unit + " lacks " + line + ":\n" + String.join("\n", lines));
  }
}
