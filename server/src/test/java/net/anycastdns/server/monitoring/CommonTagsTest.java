package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * Identity and PoP label every sample, the JVM's included, so one Prometheus can scrape all PoPs.
 */
class CommonTagsTest {
  private static final String POP = "tst";

  @TempDir Path dir;

  @Test
  void everySampleHasIdentityAndPop() throws Exception {
    try (RunningServer server =
        RunningServer.folder(ExampleZones.exampleFolder(dir), "pop: " + POP)) {
      server.udp(RunningServer.query("www.example.test.", Type.A).toWire());
      Scrape scrape = server.scrape();
      assertFalse(scrape.samples().isEmpty());
      for (Scrape.Sample s : scrape.samples()) {
        assertEquals(RunningServer.IDENTITY, s.labels().get("identity"), s.toString());
        assertEquals(POP, s.labels().get("pop"), s.toString());
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
