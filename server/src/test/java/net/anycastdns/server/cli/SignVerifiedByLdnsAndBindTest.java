package net.anycastdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.anycastdns.common.testing.Missing;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.zones.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sign} writes a zone that the verifiers of ldns ({@code ldns-verify-zone}) and BIND ({@code
 * dnssec-verify}) accept, for every algorithm and denial: what {@code serve} serves, checked by
 * other implementations. Skipped with a message where Debian's {@code ldnsutils} or {@code
 * bind9-dnsutils} are missing; failing instead under {@code CI=true} ({@code .ci/run} installs
 * them).
 */
class SignVerifiedByLdnsAndBindTest {
  private static final List<String> VERIFIERS =
      List.of("/usr/bin/ldns-verify-zone", "/usr/bin/dnssec-verify");

  @TempDir Path dir;

  @BeforeAll
  static void verifiersInstalled() {
    for (String v : VERIFIERS) {
      if (!Files.isExecutable(Path.of(v))) {
        String message =
            "SignVerifiedByLdnsAndBindTest SKIPPED: "
                + v
                + " is missing (apt-get install ldnsutils bind9-dnsutils)";
        Missing.skipOrFail(message);
      }
    }
  }

  @ParameterizedTest(name = "algorithm {0}, {1}, keys {2}")
  @CsvSource({
    "13, nsec, KSK+ZSK",
    "13, nsec3, KSK+ZSK",
    "13, nsec3-opt-out, CSK",
    "15, nsec, CSK",
    "15, nsec3, KSK+ZSK",
    "8, nsec, KSK+ZSK",
    "8, nsec3-opt-out, KSK+ZSK",
  })
  void verifiersAcceptTheSignedZone(int algorithm, String denial, String keys) throws Exception {
    Path keyDir = Files.createDirectory(dir.resolve("keys"));
    TestKeys.write(keyDir, "example.net.", algorithm, TestKeys.KSK, TestKeys.Times.NONE);
    if (keys.equals("KSK+ZSK")) {
      TestKeys.write(keyDir, "example.net.", algorithm, TestKeys.ZSK, TestKeys.Times.NONE);
    }
    Path zone = dir.resolve("example.net.zone");
    Files.writeString(zone, ExampleZones.PROOFS);
    Path config = dir.resolve("serve.yaml");
    Files.writeString(
        config,
        "dnssec:\n  denial: "
            + (denial.equals("nsec") ? "nsec" : "nsec3")
            + "\n  nsec3-opt-out: "
            + denial.endsWith("opt-out")
            + "\n");
    Path out = dir.resolve("example.net.signed");
    assertEquals(
        0,
        Main.run(
            "sign",
            "--keys",
            keyDir.toString(),
            "--config",
            config.toString(),
            "-o",
            out.toString(),
            zone.toString()));
    assertEquals("", run(VERIFIERS.get(0), out.toString()), "ldns-verify-zone");
    // -z: a single key with the SEP flag signs everything (a CSK), which dnssec-verify must be
    // told.
    List<String> bind = new ArrayList<>(List.of(VERIFIERS.get(1), "-o", "example.net."));
    if (keys.equals("CSK")) {
      bind.add("-z");
    }
    bind.add(out.toString());
    assertEquals("", run(bind.toArray(new String[0])), "dnssec-verify");
  }

  /** Runs a verifier; returns "" when it exits 0, else its output. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out: " + output;
    }
    return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + output;
  }
}
