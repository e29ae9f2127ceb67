package net.anycastdns.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.anycastdns.common.testing.Missing;

/**
 * The Debian tools the package tests run. Where one is missing they skip and say which package
 * brings it; with {@code CI=true} they fail instead, so that CI never passes without them ({@code
 * .ci/run} installs them).
 */
final class Tools {
  /** The Debian package of each program the tests use. */
  private static final Map<String, String> PACKAGES =
      Map.of(
          "dpkg-deb", "dpkg",
          "lintian", "lintian",
          "systemd-analyze", "systemd",
          "systemd-nspawn", "systemd-container",
          "man", "man-db",
          "dig", "bind9-dnsutils",
          "unshare", "util-linux",
          "mount", "mount");

  private static final List<String> PATH =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private Tools() {}

  /** Skips the calling test (or fails it in CI) unless every program is installed. */
  static void require(String... programs) {
    List<String> missing = new ArrayList<>();
    for (String program : programs) {
      if (find(program) == null) {
        missing.add(program + " (apt-get install " + PACKAGES.getOrDefault(program, program) + ")");
      }
    }
    if (!missing.isEmpty()) {
      skipOrFail("missing " + String.join(", ", missing));
    }
  }

  /** Skips the calling test (or fails it in CI) unless it runs as root. */
  static void requireRoot(String why) {
    if (!"root".equals(System.getProperty("user.name"))) {
      skipOrFail("not root (" + why + ")");
    }
  }

  private static void skipOrFail(String why) {
    Missing.skipOrFail("Debian package test SKIPPED: " + why);
  }

  private static Path find(String program) {
    return PATH.stream()
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }
}
