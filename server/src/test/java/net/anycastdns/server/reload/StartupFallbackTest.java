package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PoP restarted while its git remote is unreachable, or while the branch's head is broken, serves
 * the last commit it served; with nothing served before, it does not start.
 */
class StartupFallbackTest {
  @TempDir Path tmp;

  @Test
  void unreachableRemoteServesTheLastGoodCommit() throws Exception {
    Path gitDir = tmp.resolve("pop");
    try (GitRemote remote = GitRemote.create(tmp)) {
      String good = remote.push(Map.of("example.test.zone", TestZones.zone(1, "v1")));
      remote.serve(gitDir).close();
      Files.move(remote.barePath(), tmp.resolve("gone.git"));

      try (RunningServer server = remote.serve(gitDir)) {
        assertEquals("v1", server.txt("www.example.test."));
        JsonNode ready = server.ready();
        assertEquals("ready", ready.get("status").asText());
        assertEquals(good, ready.get("commit").asText());
        assertTrue(ready.get("lastSuccess").isNull(), "no sync succeeded in this process");
        assertTrue(
            ready.get("lastError").asText().startsWith("cannot fetch branch main from "),
            ready.toString());
        assertEquals(1, server.scrape().value("dns_sync_failures_total"));
      }
    }
  }

  @Test
  void brokenHeadAtRestartServesTheLastGoodCommit() throws Exception {
    Path gitDir = tmp.resolve("pop");
    try (GitRemote remote = GitRemote.create(tmp)) {
      String good = remote.push(Map.of("example.test.zone", TestZones.zone(1, "v1")));
      remote.serve(gitDir).close();
      String broken = remote.push(Map.of("example.test.zone", TestZones.broken(2)));

      try (RunningServer server = remote.serve(gitDir)) {
        assertEquals("v1", server.txt("www.example.test."));
        JsonNode ready = server.ready();
        assertEquals(good, ready.get("commit").asText());
        assertTrue(
            ready.get("lastError").asText().startsWith("commit " + broken + " refused: "),
            ready.toString());

        remote.push(Map.of("example.test.zone", TestZones.zone(2, "v2")));
        server.sync(200);
        assertEquals("v2", server.txt("www.example.test."));
      }
    }
  }

  @Test
  void nothingServedBeforeIsAnError() throws Exception {
    String url = tmp.resolve("nowhere.git").toUri().toString();
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> RunningServer.start("zones-git: " + url + "\ngit-dir: " + tmp.resolve("pop")));
    assertTrue(
        e.getMessage().startsWith("cannot fetch branch main from " + url + ": "), e.getMessage());
  }
}
