package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.anycastdns.zones.ZoneSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * {@code dns_zone_serial} and {@code dns_zone_records} describe the zones served now: a new serial
 * shows after a publish, and a zone no longer served loses its series.
 */
class ZoneGaugesTest {
  private static MonitoredServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new MonitoredServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void followPublishedZones() throws Exception {
    assertFalse(server.scrape().has("dns_zone_serial"));

    ZoneSnapshot example = MonitoredServer.exampleZone(7);
    server.publish(example, MonitoredServer.otherZone());
    Scrape first = server.scrape();
    assertEquals(7, first.value("dns_zone_serial", "zone", "example.test."));
    assertEquals(42, first.value("dns_zone_serial", "zone", "other.test."));
    // SOA, NS, MX, three A, one AAAA and ten TXT.
    assertEquals(17, example.recordCount());
    assertEquals(17, first.value("dns_zone_records", "zone", "example.test."));
    assertEquals(3, first.value("dns_zone_records", "zone", "other.test."));

    server.publish(MonitoredServer.exampleZone(2_026_112_101L));
    server.udp(MonitoredServer.query("www.example.test.", Type.A).toWire());
    Scrape second = server.scrape();
    assertEquals(2_026_112_101L, second.value("dns_zone_serial", "zone", "example.test."));
    assertFalse(second.has("dns_zone_serial", "zone", "other.test."));
    assertFalse(second.has("dns_zone_records", "zone", "other.test."));
    assertFalse(second.has("dns_zone_queries_total", "zone", "other.test."));
    // The per-zone query counter of a zone still served keeps counting across publishes.
    assertTrue(second.has("dns_zone_queries_total", "zone", "example.test."));
    assertEquals(1, second.value("dns_zone_queries_total", "zone", "example.test."));
  }
}
