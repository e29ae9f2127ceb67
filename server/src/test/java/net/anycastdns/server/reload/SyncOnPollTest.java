package net.anycastdns.server.reload;

import java.nio.file.Path;
import java.util.Map;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit pushed to the branch is served within a poll interval, with no request at all. */
class SyncOnPollTest {
  @TempDir Path tmp;

  @Test
  void pushedChangeIsServedAfterThePollInterval() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp)) {
      remote.push(Map.of("example.test.zone", TestZones.zone(1, "v1")));
      try (RunningServer server = remote.serve(tmp.resolve("pop"), "git-poll: 100ms")) {
        String second = remote.push(Map.of("example.test.zone", TestZones.zone(2, "v2")));

        Await.until("serving v2", () -> server.txt("www.example.test.").equals("v2"));
        // The status follows the swap, a moment after the first answer from the new set.
        Await.until(
            "reporting " + second, () -> server.ready().get("commit").asText().equals(second));
      }
    }
  }
}
