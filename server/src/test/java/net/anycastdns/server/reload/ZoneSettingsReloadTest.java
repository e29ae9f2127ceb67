package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload reads the configuration file again and applies its zone settings together with the
 * zones; a configuration with a mistake refuses the reload, and what is served stays.
 */
class ZoneSettingsReloadTest {
  @TempDir Path dir;

  private Path config(String zoneSettings) throws Exception {
    return Files.writeString(
        dir.resolve("serve.yaml"),
        "zones: "
            + dir.resolve("zones")
            + "\nlisten: [127.0.0.1:0]\nhttp: 127.0.0.1:0\nthreads: 1\n"
            + zoneSettings);
  }

  @Test
  void zoneSettingsApplyWithTheNextReload() throws Exception {
    Path zones = Files.createDirectories(dir.resolve("zones"));
    Files.writeString(zones.resolve("example.test.zone"), TestZones.zone(1, "v1"));
    Path config = config("serial-policy: strict\n");
    try (RunningServer server = RunningServer.configFile(config)) {
      // Changed without a new serial: the strict policy refuses it.
      Files.writeString(zones.resolve("example.test.zone"), TestZones.zone(1, "v2"));
      JsonNode refused = server.sync(409);
      assertEquals(
          "example.test.zone:2: zone changed but its serial 1 is not greater than 1, the serial"
              + " served (RFC 1982); raise the serial",
          refused.get("errors").get(0).asText());

      // The zone's own setting, read with the next reload, lets the same files through.
      config("serial-policy: strict\nzone-settings: {example.test.: {serial-policy: warn}}\n");
      assertEquals("updated", server.sync(200).get("result").asText());
      assertEquals("v2", server.txt("www.example.test."));

      // A mistake in the file refuses the reload; the zones served stay.
      config("serial-policy: sometimes\n");
      Files.writeString(zones.resolve("example.test.zone"), TestZones.zone(2, "v3"));
      JsonNode bad = server.sync(409);
      assertEquals(
          config + ":5: serial-policy must be strict or warn, not 'sometimes'",
          bad.get("errors").get(0).asText());
      assertEquals("v2", server.txt("www.example.test."));
    }
  }
}
