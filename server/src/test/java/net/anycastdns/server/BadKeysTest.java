package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.SignedAnswer;
import net.anycastdns.zones.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Bad key files: at startup the zone they belong to is not served and the others are; on a reload
 * the zones served stay, signed as before, and the sync says which file is wrong.
 */
class BadKeysTest {
  @TempDir Path dir;

  @Test
  void atStartupOnlyTheirZoneIsLeftOut() throws Exception {
    Path zones = zones("good.example.", "bad.example.");
    Path keys = Files.createDirectory(dir.resolve("keys"));
    TestKeys.write(keys, "good.example.", 13, TestKeys.KSK, TestKeys.Times.NONE);
    int tag =
        TestKeys.write(keys, "bad.example.", 13, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    Files.writeString(privateFile(keys, "bad.example.", tag), "Private-key-format: v1.3\n");
    try (RunningServer server = RunningServer.folder(zones, "dnssec: {keys: " + keys + "}")) {
      assertEquals(
          Rcode.REFUSED, server.udp(RunningServer.query("www.bad.example.", Type.A)).getRcode());
      assertEquals(
          java.util.List.of(),
          SignedAnswer.ask(
                  server.dnsAddress(), "good.example.", "www.good.example.", Type.A, Instant.now())
              .failures());
    }
  }

  @Test
  void onAReloadTheZonesServedStay() throws Exception {
    Path zones = zones("good.example.");
    Path keys = Files.createDirectory(dir.resolve("keys"));
    int tag =
        TestKeys.write(keys, "good.example.", 13, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    try (RunningServer server = RunningServer.folder(zones, "dnssec: {keys: " + keys + "}")) {
      Files.writeString(privateFile(keys, "good.example.", tag), "Algorithm: 13\n");
      JsonNode refused = server.sync(409);
      String error = refused.get("errors").get(0).asText();
      assertTrue(
          error.equals(
              privateFile(keys, "good.example.", tag)
                  + ":0: not a BIND private key"
                  + " (Private-key-format v1.x)"),
          error);
      assertEquals(
          java.util.List.of(),
          SignedAnswer.ask(
                  server.dnsAddress(), "good.example.", "www.good.example.", Type.A, Instant.now())
              .failures());
    }
  }

  private Path zones(String... names) throws Exception {
    Path zones = Files.createDirectory(dir.resolve("zones"));
    for (String n : names) {
      Files.writeString(zones.resolve(n + "zone"), ExampleZones.PROOFS);
    }
    return zones;
  }

  private static Path privateFile(Path keys, String zone, int tag) {
    return keys.resolve(String.format("K%s+013+%05d.private", zone, tag));
  }
}
