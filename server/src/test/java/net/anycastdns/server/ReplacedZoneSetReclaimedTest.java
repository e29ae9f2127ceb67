package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.ServeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that replaces the zone set asks G1 for a concurrent collection, so that the set replaced
 * is given back before the next reload (ZoneSetReclaimer): in a process started with the README's
 * {@code -XX:+ExplicitGCInvokesConcurrent}, G1's own log shows the cycle that {@code System.gc()}
 * began, after the reload and not before.
 */
class ReplacedZoneSetReclaimedTest {
  @TempDir Path dir;

  @Test
  void aReloadThatReplacesZonesStartsAConcurrentCycle() throws Exception {
    Path zones = ExampleZones.exampleFolder(Files.createDirectories(dir.resolve("zones")));
    try (ServeProcess p =
        ServeProcess.start(
            dir,
            false,
            List.of("-XX:+UseG1GC", "-XX:+ExplicitGCInvokesConcurrent", "-Xlog:gc:stderr"),
            "--zones",
            zones.toString(),
            "--listen",
            "127.0.0.1:0",
            "--http",
            "127.0.0.1:0",
            "--threads",
            "1")) {
      p.awaitLine("reloads");
      assertTrue(p.indexOf("(System.gc())") < 0, "collected before any reload: " + p.log());
      ExampleZones.write(zones, "example.test.", ExampleZones.exampleTest(8));
      p.signal("HUP");
      p.awaitLine("serving folder tree");
      String cycle = p.awaitLine("(System.gc())");
      assertTrue(cycle.contains("Concurrent Start"), cycle);
    }
  }
}
