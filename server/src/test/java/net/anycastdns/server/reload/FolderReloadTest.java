package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/**
 * Without git, {@code --zones DIR} reloads on {@code POST /sync} and SIGHUP by the same rule: an
 * error in any file refuses the whole folder.
 */
class FolderReloadTest {
  @TempDir Path dir;

  @Test
  void postSyncReloadsTheFolder() throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), TestZones.zone(1, "v1"));
    try (RunningServer server = RunningServer.folder(dir)) {
      Files.writeString(dir.resolve("example.test.zone"), TestZones.zone(2, "v2"));
      Files.writeString(dir.resolve("new.test.zone"), TestZones.zone(1, "new"));

      JsonNode answer = server.sync(200);

      assertEquals("updated", answer.get("result").asText());
      assertTrue(answer.get("commit").isNull(), "a folder has no commit");
      assertEquals("v2", server.txt("www.example.test."));
      assertEquals("new", server.txt("www.new.test."));
    }
  }

  @Test
  void anErrorInOneFileRefusesTheWholeFolder() throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), TestZones.zone(1, "v1"));
    Files.writeString(dir.resolve("other.test.zone"), TestZones.zone(1, "other v1"));
    try (RunningServer server = RunningServer.folder(dir)) {
      Files.writeString(dir.resolve("example.test.zone"), TestZones.zone(2, "v2"));
      Files.writeString(dir.resolve("other.test.zone"), TestZones.broken(2));

      JsonNode answer = server.sync(409);

      String error = answer.get("errors").get(0).asText();
      assertTrue(error.startsWith("other.test.zone:5: "), error);
      assertEquals("v1", server.txt("www.example.test."));
      assertEquals("other v1", server.txt("www.other.test."));
    }
  }

  @Test
  void sighupReloadsTheFolder() throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), TestZones.zone(1, "v1"));
    try (RunningServer server = RunningServer.folder(dir)) {
      // Under nohup this JVM cannot handle SIGHUP; StartupTest covers what serve says then.
      assumeTrue(
          HangupSignal.onHangup(server.server()::hangup),
          "SIGHUP is ignored in this JVM (started under nohup)");
      Files.writeString(dir.resolve("example.test.zone"), TestZones.zone(2, "v2"));

      Signal.raise(new Signal("HUP"));

      Await.until("serving v2", () -> server.txt("www.example.test.").equals("v2"));
    }
  }
}
