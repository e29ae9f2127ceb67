package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.zones.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload parses only the files that changed: a file with the same blob id keeps its compiled
 * snapshot, in git and in a folder (where rewriting a file with the same bytes changes nothing).
 */
class UnchangedZonesReusedTest {
  @TempDir Path tmp;

  @Test
  void gitReusesUnchangedFilesByBlobId() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp)) {
      remote.push(
          Map.of("a.test.zone", TestZones.zone(1, "a1"), "b.test.zone", TestZones.zone(1, "b1")));
      try (RunningServer server = remote.serve(tmp.resolve("pop"))) {
        ZoneSnapshot a = zone(server, "a.test.");
        ZoneSnapshot b = zone(server, "b.test.");

        remote.push(Map.of("a.test.zone", TestZones.zone(2, "a2"), "README.md", "zones\n"));
        server.sync(200);

        assertNotSame(a, zone(server, "a.test."));
        assertSame(b, zone(server, "b.test."));
        assertEquals("a2", server.txt("www.a.test."));
      }
    }
  }

  @Test
  void folderReusesFilesOfTheSameContent() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("zones"));
    Files.writeString(dir.resolve("a.test.zone"), TestZones.zone(1, "a1"));
    Files.writeString(dir.resolve("b.test.zone"), TestZones.zone(1, "b1"));
    try (RunningServer server = RunningServer.folder(dir)) {
      ZoneSnapshot a = zone(server, "a.test.");
      ZoneSnapshot b = zone(server, "b.test.");

      Files.writeString(dir.resolve("a.test.zone"), TestZones.zone(2, "a2"));
      Files.writeString(dir.resolve("b.test.zone"), TestZones.zone(1, "b1"));
      server.sync(200);

      assertNotSame(a, zone(server, "a.test."));
      assertSame(b, zone(server, "b.test."));
    }
  }

  private static ZoneSnapshot zone(RunningServer server, String origin) {
    return server.server().servingState().zones().zones().stream()
        .filter(z -> z.origin().toString().equals(origin))
        .findFirst()
        .orElseThrow();
  }
}
