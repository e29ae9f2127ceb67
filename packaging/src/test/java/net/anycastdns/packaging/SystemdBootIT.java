package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package under a real systemd: a container booted with {@code systemd-nspawn} on the host's
 * own system (laid under a throw-away overlay in a mount namespace of the test's own, with no
 * network but loopback) installs it with {@code dpkg -i} and runs {@code boot-test.sh}: the
 * postinst makes the user and the class-data archive and starts the server, which maps the archive
 * and answers on port 53 as {@code anycast-dns} with no capability but CAP_NET_BIND_SERVICE; reload
 * keeps the process; the sidecar announces, drains, is withdrawn by ExecStopPost= after SIGKILL,
 * withdraws across an upgrade; both stop cleanly (exit 143 is success).
 */
class SystemdBootIT {
  private static final List<String> FILES =
      List.of("boot-test.sh", "pkgtest.service", "pkgtest.target");

  /** Mounts the overlay and boots; $1 is the work folder. */
  private static final String BOOT =
      """
      set -e
      mount -t tmpfs tmpfs "$1/upper"
      mkdir "$1/upper/u" "$1/upper/w"
      mount -t overlay overlay -o "lowerdir=/,upperdir=$1/upper/u,workdir=$1/upper/w" "$1/root"
      exec systemd-nspawn -q -D "$1/root" --register=no --keep-unit --link-journal=no \\
        --private-network --machine=anycast-dns-test \\
        --bind-ro="$1/pkg:/pkg" --bind="$1/out:/out" \\
        --bind-ro="$1/pkg/pkgtest.target:/etc/systemd/system/pkgtest.target" \\
        --bind-ro="$1/pkg/pkgtest.service:/etc/systemd/system/pkgtest.service" \\
        -b -- systemd.unit=pkgtest.target
      """;

  @Test
  void installsStartsReloadsUpgradesAndStops() throws IOException {
    Tools.require("systemd-nspawn", "unshare", "mount", "dig");
    Tools.requireRoot("the container needs mounts and namespaces");
    Path work = InstalledPackage.root().resolveSibling("boot");
    Commands.run(List.of("rm", "-rf", work.toString()));
    for (String dir : List.of("pkg", "out", "upper", "root")) {
      Files.createDirectories(work.resolve(dir));
    }
    Files.copy(InstalledPackage.deb(), work.resolve("pkg/anycast-dns.deb"));
    for (String file : FILES) {
      try (InputStream in = SystemdBootIT.class.getResourceAsStream("/boot/" + file)) {
        Files.copy(in, work.resolve("pkg").resolve(file));
      }
    }

    Commands.Result boot =
        Commands.run(
            List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "bash",
                "-c",
                BOOT,
                "boot",
                work.toString()),
            Duration.ofMinutes(5));
    String detail = read(work.resolve("out/detail.txt"));
    System.out.println("systemd-nspawn: " + boot + "\nin the container:\n" + detail);
    List<String> results = read(work.resolve("out/result.txt")).lines().toList();

    assertEquals(
        List.of(),
        results.stream().filter(line -> line.startsWith("FAIL")).toList(),
        String.join("\n", results));
    assertEquals("done", results.isEmpty() ? "" : results.get(results.size() - 1), detail);
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
