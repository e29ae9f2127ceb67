package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /usr/bin/anycast-dns and /usr/bin/anycast-dns-sidecar run their jar with the JVM options of their
 * file in /etc/anycast-dns, where a line may be limited to a range of Java versions, and with
 * ANYCAST_DNS_JAVA_OPTS after them; they set MALLOC_ARENA_MAX=2 unless it is set.
 */
class LaunchersIT {
  @ParameterizedTest
  @ValueSource(strings = {"anycast-dns", "anycast-dns-sidecar"})
  void helpAndVersion(String command) {
    Commands.Result help = InstalledPackage.run(command, "--help");
    assertEquals(0, help.exit(), help.toString());
    assertTrue(help.out().startsWith("Usage: " + command + " "), help.toString());

    Commands.Result version = InstalledPackage.run(command, "--version");
    assertEquals(0, version.exit(), version.toString());
    assertEquals(command + " " + System.getProperty("project.version") + "\n", version.out());
  }

  @Test
  void optionsFileWithJavaVersionRangesThenTheEnvironment() throws IOException {
    Path root = copyOfTheLauncher();
    Files.writeString(
        root.resolve("etc/anycast-dns/jvm.options"),
        """
        # comments and blank lines are skipped

        -XX:+PrintCommandLineFlags
          17-:-XX:MaxHeapSize=96m   # every Java this package runs on
        999-:-XX:MaxHeapSize=200m
        1-16:-XX:MaxHeapSize=300m
        """);
    List<String> version = List.of(root.resolve("usr/bin/anycast-dns").toString(), "--version");

    Commands.Result fromFile = Commands.run(version);
    assertEquals(0, fromFile.exit(), fromFile.toString());
    assertTrue(fromFile.out().contains("-XX:MaxHeapSize=100663296 "), fromFile.out());

    Commands.Result withEnv =
        Commands.run(
            version, Map.of("ANYCAST_DNS_JAVA_OPTS", "-XX:MaxHeapSize=64m"), Duration.ofMinutes(1));
    assertTrue(withEnv.out().contains("-XX:MaxHeapSize=67108864 "), withEnv.out());
    assertFalse(withEnv.out().contains("100663296"), withEnv.out());
  }

  @Test
  void twoAllocationArenasOfTheCLibraryUnlessSetAlready() throws IOException {
    // A Java that only prints what it was given.
    Path home = InstalledPackage.root().resolveSibling("printing-java");
    Files.createDirectories(home.resolve("bin"));
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\"\n");
    assertTrue(java.toFile().setExecutable(true));
    List<String> version =
        List.of(InstalledPackage.path("/usr/bin/anycast-dns").toString(), "--version");

    Commands.Result unset =
        Commands.run(version, Map.of("JAVA_HOME", home.toString()), Duration.ofMinutes(1));
    assertEquals("MALLOC_ARENA_MAX=2\n", unset.out(), unset.toString());

    Commands.Result set =
        Commands.run(
            version,
            Map.of("JAVA_HOME", home.toString(), "MALLOC_ARENA_MAX", "4"),
            Duration.ofMinutes(1));
    assertEquals("MALLOC_ARENA_MAX=4\n", set.out(), set.toString());
  }

  @Test
  void saysWhenThereIsNoJava() {
    Commands.Result noJava =
        Commands.run(
            List.of(InstalledPackage.path("/usr/bin/anycast-dns").toString(), "--version"),
            Map.of("JAVA_HOME", "/nonexistent"),
            Duration.ofMinutes(1));

    assertEquals(2, noJava.exit(), noJava.toString());
    assertEquals(
        "anycast-dns: no Java runtime found: install default-jre-headless or set JAVA_HOME\n",
        noJava.err());
  }

  /** A root of its own with the launcher and the jar, so the options file can be rewritten. */
  private static Path copyOfTheLauncher() throws IOException {
    Path root = InstalledPackage.root().resolveSibling("launcher-root");
    Commands.run(List.of("rm", "-rf", root.toString()));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createDirectories(root.resolve("usr/share/anycast-dns"));
    Files.createDirectories(root.resolve("etc/anycast-dns"));
    Files.copy(
        InstalledPackage.path("/usr/bin/anycast-dns"),
        root.resolve("usr/bin/anycast-dns"),
        StandardCopyOption.COPY_ATTRIBUTES);
    Files.createSymbolicLink(
        root.resolve("usr/share/anycast-dns/anycast-dns.jar"),
        InstalledPackage.path("/usr/share/anycast-dns/anycast-dns.jar"));
    return root;
  }
}
