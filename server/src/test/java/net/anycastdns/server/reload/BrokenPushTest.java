package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push with a broken zone leaves every answer as it was, and says why with commit, file and line;
 * the fixed push after it is taken.
 */
class BrokenPushTest {
  @TempDir Path tmp;

  @Test
  void brokenPushKeepsTheOldAnswersAndAFixIsTaken() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp)) {
      String good =
          remote.push(
              Map.of(
                  "example.test.zone",
                  TestZones.zone(1, "v1"),
                  "other.test.zone",
                  TestZones.zone(7, "other v1")));
      try (RunningServer server = remote.serve(tmp.resolve("pop"))) {
        // The good zone changes too: nothing of a refused commit is served, not even that.
        String broken =
            remote.push(
                Map.of(
                    "example.test.zone",
                    TestZones.broken(2),
                    "other.test.zone",
                    TestZones.zone(8, "other v2")));

        JsonNode refused = server.sync(409);
        assertEquals("refused", refused.get("result").asText());
        assertEquals(good, refused.get("commit").asText());
        assertEquals(broken, refused.get("candidate").asText());
        assertEquals(1, refused.get("errors").size(), refused.toString());
        String error = refused.get("errors").get(0).asText();
        assertTrue(error.startsWith("example.test.zone:5: "), error);
        assertEquals("v1", server.txt("www.example.test."));
        assertEquals("other v1", server.txt("www.other.test."));

        JsonNode ready = server.ready();
        assertEquals("ready", ready.get("status").asText());
        assertEquals(good, ready.get("commit").asText());
        assertTrue(
            ready
                .get("lastError")
                .asText()
                .contains("commit " + broken + " refused: " + "example.test.zone:5: "),
            ready.toString());
        assertEquals(1, server.scrape().value("dns_sync_failures_total"));
        assertEquals(1, server.scrape().value("dns_sync_commit_info", "commit", good));

        // Asked again, the same commit is refused for the same reason, and counted once.
        assertEquals(refused.get("errors"), server.sync(409).get("errors"));
        assertEquals(1, server.scrape().value("dns_sync_failures_total"));

        String fixed = remote.push(Map.of("example.test.zone", TestZones.zone(2, "v2")));
        JsonNode taken = server.sync(200);
        assertEquals(fixed, taken.get("commit").asText());
        assertEquals("v2", server.txt("www.example.test."));
        assertEquals("other v2", server.txt("www.other.test."));
        assertTrue(server.ready().get("lastError").isNull());
      }
    }
  }
}
