package net.anycastdns.sidecar.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shaded jar, as operators run it: {@code java -jar anycast-dns-sidecar.jar ...} inside the PoP
 * namespace, with its HTTP endpoint on the PoP's loopback at the default address, where {@code
 * drain} finds it without being told.
 */
final class SidecarJar {
  private SidecarJar() {}

  static Path jar() {
    Path jar =
        Path.of(System.getProperty("sidecar.jar", "target/anycast-dns-sidecar.jar"))
            .toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: run the integration tests through" + " 'mvn verify' (after package)");
    }
    return jar;
  }

  /** {@code java [small-JVM flags] -jar JAR ARGS...}. */
  static List<String> java(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xmx64m",
                "-jar",
                jar().toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The configuration of the tests: fast timers so that every step takes well under a second. */
  static Path config(Lab lab, String speakerYaml) throws Exception {
    return lab.write(
        "sidecar.yaml",
        """
        selftest:
          server: 192.0.2.53:53
          interval: 200ms
          fast-interval: 100ms
          timeout: 150ms
          rise: 2
          fall: 3
          probes:
            - {name: example.com., type: SOA, transport: udp}
            - {name: www.example.com., type: A, transport: tcp, expect: [192.0.2.10]}
        prefixes: [192.0.2.53/32, "2001:db8:53::53/128"]
        drain-delay: 2s
        speaker: %s
        """
            .formatted(speakerYaml));
  }

  /** Starts {@code run} in the PoP namespace. */
  static Process run(Lab lab, Path config) throws Exception {
    return lab.start(
        lab.pop,
        "sidecar.log",
        Map.of(),
        java("run", "--config", config.toString()).toArray(String[]::new));
  }

  /** {@code drain} (or {@code drain --cancel}) against the running sidecar; its answer. */
  static String drain(Lab lab, boolean cancel) throws Exception {
    List<String> cmd = new ArrayList<>(java("drain"));
    if (cancel) {
      cmd.add("--cancel");
    }
    return lab.run(lab.pop, 30, cmd.toArray(String[]::new));
  }

  /** {@code withdraw}: the fail-closed step after a sidecar died. */
  static String withdraw(Lab lab, Path config) throws Exception {
    return lab.run(
        lab.pop, 30, java("withdraw", "--config", config.toString()).toArray(String[]::new));
  }
}
