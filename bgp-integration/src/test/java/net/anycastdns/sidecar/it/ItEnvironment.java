package net.anycastdns.sidecar.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.anycastdns.common.testing.Missing;

/**
 * Whether the integration tests can run here: they need root (network namespaces) and the daemons
 * from Debian's packages. Elsewhere they skip and say why; in CI ({@code CI=true}) they fail
 * instead, so that CI never passes without running them.
 */
final class ItEnvironment {
  private static final List<String> PATH =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private ItEnvironment() {}

  /** Skips (or fails in CI) unless root and every program in {@code programs} is installed. */
  static void require(String test, String... programs) {
    List<String> missing = new ArrayList<>();
    for (String p : programs) {
      if (find(p) == null) {
        missing.add(p);
      }
    }
    String why = whyNot(isRoot(), missing);
    if (why != null) {
      Missing.skipOrFail(test + " SKIPPED: " + why);
    }
  }

  /** Why the tests cannot run, or null when they can. */
  static String whyNot(boolean root, List<String> missing) {
    if (!root) {
      return "not root (network namespaces need it)";
    }
    if (!missing.isEmpty()) {
      return "missing "
          + String.join(", ", missing)
          + " (apt-get install bird2 exabgp gobgpd iproute2 knot knot-dnsutils)";
    }
    return null;
  }

  /** The absolute path of {@code program}, or null. */
  static Path find(String program) {
    for (String dir : PATH) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static boolean isRoot() {
    try {
      Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String uid = new String(p.getInputStream().readAllBytes()).strip();
      return p.waitFor() == 0 && uid.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
