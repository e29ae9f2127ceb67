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
 * A changed zone must have a greater SOA serial in RFC 1982 arithmetic: the same or a lower one
 * refuses the commit (strict) or is served with a warning (warn); a serial that wraps past 2^32 is
 * greater.
 */
class SerialPolicyTest {
  @TempDir Path tmp;

  @Test
  void strictRefusesASerialThatDidNotIncrease() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp)) {
      remote.push(Map.of("example.test.zone", TestZones.zone(5, "v1")));
      try (RunningServer server = remote.serve(tmp.resolve("pop"))) {
        remote.push(Map.of("example.test.zone", TestZones.zone(5, "v2")));
        JsonNode same = server.sync(409);
        assertEquals(
            "example.test.zone:2: zone changed but its serial 5 is not greater than 5, "
                + "the serial served (RFC 1982); raise the serial",
            same.get("errors").get(0).asText());

        remote.push(Map.of("example.test.zone", TestZones.zone(4, "v2")));
        JsonNode lower = server.sync(409);
        assertTrue(
            lower.get("errors").get(0).asText().contains("serial 4 is not greater than 5"),
            lower.toString());
        assertEquals("v1", server.txt("www.example.test."));

        remote.push(Map.of("example.test.zone", TestZones.zone(6, "v2")));
        assertEquals("updated", server.sync(200).get("result").asText());
        assertEquals("v2", server.txt("www.example.test."));
      }
    }
  }

  @Test
  void serialWrapsAround() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp)) {
      remote.push(Map.of("example.test.zone", TestZones.zone(4_294_967_290L, "v1")));
      try (RunningServer server = remote.serve(tmp.resolve("pop"))) {
        remote.push(Map.of("example.test.zone", TestZones.zone(3, "v2")));
        assertEquals(
            "[\"example.test. serial 4294967290 -> 3\"]",
            server.sync(200).get("changes").toString());
        assertEquals("v2", server.txt("www.example.test."));
      }
    }
  }

  @Test
  void warnServesItAnyway() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp)) {
      remote.push(Map.of("example.test.zone", TestZones.zone(5, "v1")));
      try (RunningServer server = remote.serve(tmp.resolve("pop"), "serial-policy: warn")) {
        remote.push(Map.of("example.test.zone", TestZones.zone(5, "v2")));
        assertEquals("updated", server.sync(200).get("result").asText());
        assertEquals("v2", server.txt("www.example.test."));
      }
    }
  }
}
