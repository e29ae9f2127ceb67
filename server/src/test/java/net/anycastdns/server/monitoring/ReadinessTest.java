package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import net.anycastdns.common.HostPort;
import net.anycastdns.server.TestServer;
import net.anycastdns.server.query.ServingStateHolder;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/ready} is 503 until zones are loaded and the listeners read, 200 after, with the
 * sync status as JSON; live is 200 throughout.
 */
class ReadinessTest {
  @TempDir Path dir;

  @Test
  void readyOnceZonesAreServed() throws Exception {
    try (RunningServer server = RunningServer.folder(ExampleZones.exampleFolder(dir))) {
      assertEquals(200, server.get("/health/live").statusCode());
      HttpResponse<String> ready = server.get("/health/ready");
      assertEquals(200, ready.statusCode());
      assertEquals(
          "{\"status\":\"ready\",\"commit\":null,\"lastSuccess\":\""
              + server.ready().get("lastSuccess").asText()
              + "\",\"lastError\":null}\n",
          ready.body());
      assertEquals(
          MonitoringHttpHandler.JSON, ready.headers().firstValue("content-type").orElse(""));
    }
  }

  @Test
  void notReadyWithoutZonesNorBeforeListening() {
    ServingStateHolder holder = new ServingStateHolder();
    Readiness readiness = new Readiness(holder);
    assertEquals("no zone loaded", readiness.notReadyReason());
    holder.publish(
        TestServer.serving(TestServer.zone("example.test.", ExampleZones.exampleTest(7)))
            .current());
    assertEquals("not listening yet", readiness.notReadyReason());
    readiness.listening();
    assertNull(readiness.notReadyReason());
  }

  /** What a load balancer or the sidecar sees while the zones of a starting server load. */
  @Test
  void theStartingAnswer() throws Exception {
    ServingStateHolder holder = new ServingStateHolder();
    try (ServerMetrics metrics = new ServerMetrics("test-1", "");
        HttpEndpoint http =
            new HttpEndpoint(
                RunningServer.config("zones: " + dir).config().http(),
                metrics,
                new Readiness(holder),
                trigger -> new CompletableFuture<>())) {
      http.start();
      URI uri = URI.create("http://" + HostPort.format(http.boundAddress()) + "/health/ready");
      HttpResponse<String> before =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, before.statusCode());
      assertEquals(
          "{\"status\":\"starting\",\"reason\":\"no zone loaded\",\"commit\":null,"
              + "\"lastSuccess\":null,\"lastError\":null}\n",
          before.body());
    }
  }
}
