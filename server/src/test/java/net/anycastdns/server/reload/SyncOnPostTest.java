package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit pushed to the branch is served once {@code POST /sync} answers. */
class SyncOnPostTest {
  @TempDir Path tmp;

  @Test
  void pushedChangeIsServedAfterPostSync() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp)) {
      String first =
          remote.push(
              Map.of(
                  "example.test.zone",
                  TestZones.zone(1, "v1"),
                  "other.test.zone",
                  TestZones.zone(7, "other")));
      try (RunningServer server = remote.serve(tmp.resolve("pop"))) {
        assertEquals("v1", server.txt("www.example.test."));
        assertEquals(first, server.ready().get("commit").asText());

        String second = remote.push(Map.of("example.test.zone", TestZones.zone(2, "v2")));
        assertEquals("v1", server.txt("www.example.test."), "served before the sync");
        JsonNode answer = server.sync(200);

        assertEquals("updated", answer.get("result").asText());
        assertEquals(second, answer.get("commit").asText());
        assertEquals("[\"example.test. serial 1 -> 2\"]", answer.get("changes").toString());
        assertEquals("v2", server.txt("www.example.test."));
        assertEquals("other", server.txt("www.other.test."));

        JsonNode ready = server.ready();
        assertEquals("ready", ready.get("status").asText());
        assertEquals(second, ready.get("commit").asText());
        assertTrue(ready.get("lastError").isNull(), ready.toString());
        Instant lastSuccess = Instant.parse(ready.get("lastSuccess").asText());

        Scrape metrics = server.scrape();
        assertEquals(1, metrics.value("dns_sync_commit_info", "commit", second));
        assertTrue(
            !metrics.has("dns_sync_commit_info", "commit", first),
            "the old commit's series is gone");
        assertEquals(2, metrics.value("dns_zone_serial", "zone", "example.test."));
        assertEquals(
            lastSuccess.toEpochMilli() / 1000.0,
            metrics.value("dns_sync_last_success_timestamp_seconds"),
            0.001);
        assertEquals(0, metrics.value("dns_sync_failures_total"));

        JsonNode again = server.sync(200);
        assertEquals("unchanged", again.get("result").asText());
        assertEquals(second, again.get("commit").asText());
      }
    }
  }
}
