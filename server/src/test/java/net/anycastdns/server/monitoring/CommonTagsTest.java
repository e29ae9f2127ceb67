package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Identity and PoP label every sample, the JVM's included, so one Prometheus can scrape all PoPs.
 */
class CommonTagsTest {
  @Test
  void everySampleHasIdentityAndPop() throws Exception {
    try (MonitoredServer server = new MonitoredServer()) {
      server.publish(MonitoredServer.exampleZone(7));
      server.udp(MonitoredServer.query("www.example.test.", Type.A).toWire());
      Scrape scrape = server.scrape();
      assertFalse(scrape.samples().isEmpty());
      for (Scrape.Sample s : scrape.samples()) {
        assertEquals(MonitoredServer.IDENTITY, s.labels().get("identity"), s.toString());
        assertEquals(MonitoredServer.POP, s.labels().get("pop"), s.toString());
      }
    }
  }

  @Test
  void noPopIsAnEmptyLabel() {
    try (ServerMetrics metrics = new ServerMetrics("solo", "")) {
      Scrape scrape = Scrape.parse(metrics.scrape());
      assertFalse(scrape.samples().isEmpty());
      for (Scrape.Sample s : scrape.samples()) {
        assertEquals("solo", s.labels().get("identity"), s.toString());
        assertEquals("", s.labels().get("pop"), s.toString());
      }
    }
  }
}
