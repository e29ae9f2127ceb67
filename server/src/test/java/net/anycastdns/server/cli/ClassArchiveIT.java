package net.anycastdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class-data archive that {@code package} writes beside the jar ({@link ClassArchiveTraining}),
 * used as the README's run command uses it, from the project's root: the server's classes come out
 * of the archive, and so do picocli's, which only a static archive can hold. {@code -Xshare:on}
 * makes a JVM that cannot use the archive fail rather than start the slow way, as the run command
 * would, silently.
 */
class ClassArchiveIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theReadmeRunCommandLoadsTheServerFromTheArchive() throws Exception {
    List<String> command = new ArrayList<>(readmeRunCommand());
    command.addAll(1, List.of("-Xshare:on", "-Xlog:class+load=info"));
    command.add("--print-config");
    Process p =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    for (String serverClass :
        List.of(
            "net.anycastdns.server.config.ServerConfigReader",
            "net.anycastdns.common.yaml.YamlReader",
            "picocli.CommandLine")) {
      assertTrue(
          out.lines().anyMatch(l -> l.endsWith(serverClass + " source: shared objects file")),
          serverClass + " not from the archive:\n" + out);
    }
  }

  /** The quick start's {@code java ... -jar server/target/anycast-dns.jar serve}, word by word. */
  private static List<String> readmeRunCommand() throws IOException {
    String line =
        Files.readAllLines(ROOT.resolve("README.md")).stream()
            .map(String::strip)
            .filter(
                l ->
                    l.startsWith("java ") && l.endsWith("-jar server/target/anycast-dns.jar serve"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README.md has no run command"));
    assertTrue(line.contains("-XX:SharedArchiveFile=server/target/anycast-dns.jsa"), line);
    return Arrays.asList(line.split(" "));
  }
}
