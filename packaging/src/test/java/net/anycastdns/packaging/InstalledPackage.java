package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The package built by this module ({@code target/anycast-dns_VERSION_all.deb}), unpacked once per
 * test run into a scratch root ({@code target/scratch-root}) with {@code dpkg-deb -x}: the files as
 * {@code dpkg} would put them under {@code /}, without running its maintainer scripts.
 */
final class InstalledPackage {
  private static Path root;

  private InstalledPackage() {}

  /** The .deb, as failsafe is told where it is. */
  static Path deb() {
    Path deb = Path.of(System.getProperty("deb.file", "target/anycast-dns.deb"));
    assertTrue(Files.isRegularFile(deb), deb + " is missing: run the tests with 'mvn verify'");
    return deb;
  }

  /** The scratch root holding the unpacked package. */
  static synchronized Path root() {
    if (root == null) {
      Tools.require("dpkg-deb");
      Path dir = Path.of(System.getProperty("scratch.root", "target/scratch-root"));
      Commands.Result clean = Commands.run(List.of("rm", "-rf", dir.toString()));
      assertEquals(0, clean.exit(), clean.toString());
      Commands.Result unpack =
          Commands.run(List.of("dpkg-deb", "-x", deb().toString(), dir.toString()));
      assertEquals(0, unpack.exit(), unpack.toString());
      root = dir.toAbsolutePath();
    }
    return root;
  }

  /** A path of the package, {@code /etc/anycast-dns} for example, inside the scratch root. */
  static Path path(String absolute) {
    return root().resolve(absolute.substring(1));
  }

  /**
   * Runs an installed command ({@code anycast-dns}, {@code anycast-dns-sidecar}) with args, with
   * JVM options that start it faster for the many short runs of the tests.
   */
  static Commands.Result run(String command, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(path("/usr/bin/" + command).toString());
    cmd.addAll(List.of(args));
    return Commands.run(
        cmd, Map.of("ANYCAST_DNS_JAVA_OPTS", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(60));
  }
}
