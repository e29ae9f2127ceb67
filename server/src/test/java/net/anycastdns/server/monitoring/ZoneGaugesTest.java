package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * {@code dns_zone_serial} and {@code dns_zone_records} describe the zones served now: a new serial
 * shows after a reload, and a zone no longer served loses its series.
 */
class ZoneGaugesTest {
  @TempDir Path dir;

  @Test
  void followTheZonesServed() throws Exception {
    ExampleZones.write(dir, "example.test.", ExampleZones.exampleTest(7));
    ExampleZones.write(dir, "other.test.", ExampleZones.otherTest());
    try (RunningServer server = RunningServer.folder(dir)) {
      Scrape first = server.scrape();
      assertEquals(7, first.value("dns_zone_serial", "zone", "example.test."));
      assertEquals(42, first.value("dns_zone_serial", "zone", "other.test."));
      // SOA, NS, MX, three A, one AAAA and ten TXT.
      assertEquals(17, first.value("dns_zone_records", "zone", "example.test."));
      assertEquals(3, first.value("dns_zone_records", "zone", "other.test."));

      server.udp(RunningServer.query("www.example.test.", Type.A));
      ExampleZones.write(dir, "example.test.", ExampleZones.exampleTest(2_026_112_101L));
      Files.delete(dir.resolve("other.test.zone"));
      server.sync(200);
      server.udp(RunningServer.query("www.example.test.", Type.A));

      Scrape second = server.scrape();
      assertEquals(2_026_112_101L, second.value("dns_zone_serial", "zone", "example.test."));
      assertFalse(second.has("dns_zone_serial", "zone", "other.test."));
      assertFalse(second.has("dns_zone_records", "zone", "other.test."));
      assertFalse(second.has("dns_zone_queries_total", "zone", "other.test."));
      // The per-zone query counter of a zone still served keeps counting across reloads.
      assertTrue(second.has("dns_zone_queries_total", "zone", "example.test."));
      assertEquals(2, second.value("dns_zone_queries_total", "zone", "example.test."));
    }
  }
}
