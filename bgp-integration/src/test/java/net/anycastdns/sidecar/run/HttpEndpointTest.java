package net.anycastdns.sidecar.run;

import static net.anycastdns.sidecar.health.Announcement.ANNOUNCED;
import static net.anycastdns.sidecar.health.Announcement.GRACEFUL_SHUTDOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}, {@code POST /drain} and {@code POST /resume} on the JDK's HTTP server. */
class HttpEndpointTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void metricsDrainAndResume() throws Exception {
    try (FakeDnsServer server = new FakeDnsServer();
        LoopHarness h = new LoopHarness(server, new RecordingSpeaker(0), List.of());
        HttpEndpoint http =
            new HttpEndpoint(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                h.metrics::scrape,
                h.sidecar)) {
      LoopHarness.await("announce", () -> h.speaker.last() == ANNOUNCED);
      String base = "http://127.0.0.1:" + http.address().getPort();

      HttpResponse<String> metrics = get(base + "/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      String body = metrics.body();
      for (String line :
          List.of(
              "anycast_sidecar_announced{prefix=\"192.0.2.53/32\"} 1",
              "anycast_sidecar_announced{prefix=\"2001:db8:53::53/128\"} 1",
              "anycast_sidecar_graceful_shutdown{prefix=\"192.0.2.53/32\"} 0",
              "anycast_sidecar_transitions_total{from=\"unknown\",prefix=\"192.0.2.53/32\",to=\"withdrawn\"} 1",
              "anycast_sidecar_transitions_total{from=\"withdrawn\",prefix=\"192.0.2.53/32\",to=\"announced\"} 1",
              "anycast_sidecar_probes_total{probe=\"www.example.com./A/udp\",result=\"ok\"}",
              "anycast_sidecar_probe_latency_seconds_count{probe=\"example.com./SOA/tcp\"}",
              "anycast_sidecar_selftest_healthy 1",
              "anycast_sidecar_peer_guard_active 0")) {
        assertTrue(body.contains(line), line + " in\n" + body);
      }

      assertEquals(405, get(base + "/drain").statusCode());
      assertEquals(404, get(base + "/nothing").statusCode());

      HttpResponse<String> drain = post(base + "/drain");
      assertEquals(200, drain.statusCode());
      assertTrue(drain.body().startsWith("announced -> graceful-shutdown"), drain.body());
      assertEquals(GRACEFUL_SHUTDOWN, h.speaker.last());
      assertTrue(
          get(base + "/metrics")
              .body()
              .contains("anycast_sidecar_graceful_shutdown{prefix=\"192.0.2.53/32\"} 1"));

      HttpResponse<String> resume = post(base + "/resume");
      assertEquals(200, resume.statusCode());
      assertTrue(resume.body().startsWith("graceful-shutdown -> announced"), resume.body());
      assertEquals(ANNOUNCED, h.speaker.last());
      assertTrue(post(base + "/resume").body().startsWith("nothing to do (up, announced)"));
    }
  }

  private HttpResponse<String> get(String uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(uri)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
