package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpResponse;
import java.util.List;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSetHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /health/ready} is 503 until zones are loaded and served, 200 after, with the sync status
 * as JSON; live is 200 throughout.
 */
class ReadinessTest {
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
  void readyOnceZonesAreServed() throws Exception {
    assertEquals(200, server.get("/health/live").statusCode());
    HttpResponse<String> before = server.get("/health/ready");
    assertEquals(503, before.statusCode());
    assertEquals(
        "{\"status\":\"starting\",\"reason\":\"no zone loaded\",\"commit\":null,"
            + "\"lastSuccess\":null,\"lastError\":null}\n",
        before.body());
    assertEquals(
        MonitoringHttpHandler.JSON, before.headers().firstValue("content-type").orElse(""));

    server.publish(MonitoredServer.exampleZone(7));

    HttpResponse<String> after = server.get("/health/ready");
    assertEquals(200, after.statusCode());
    assertEquals(
        "{\"status\":\"ready\",\"commit\":null,\"lastSuccess\":null,\"lastError\":null}\n",
        after.body());
    assertEquals(200, server.get("/health/live").statusCode());
  }

  @Test
  void notReadyBeforeListening() {
    ZoneSetHolder holder = new ZoneSetHolder();
    Readiness readiness = new Readiness(holder);
    holder.publish(ZoneSet.of(List.of(MonitoredServer.exampleZone(7)), 1));
    assertEquals("not listening yet", readiness.notReadyReason());
    readiness.listening();
    assertNull(readiness.notReadyReason());
  }
}
