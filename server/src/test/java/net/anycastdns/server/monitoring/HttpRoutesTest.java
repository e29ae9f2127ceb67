package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint serves its three monitoring paths to GET and HEAD and {@code /sync} to POST, and
 * says 404 or 405 to anything else.
 */
class HttpRoutesTest {
  @TempDir static Path dir;
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.folder(ExampleZones.exampleFolder(dir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void metricsInPrometheusTextFormat() throws Exception {
    HttpResponse<String> r = server.get("/metrics");
    assertEquals(200, r.statusCode());
    assertEquals(
        MonitoringHttpHandler.PROMETHEUS_TEXT, r.headers().firstValue("content-type").orElse(""));
    assertTrue(r.body().contains("# TYPE dns_query_duration_seconds histogram\n"));
    assertTrue(r.body().contains("# TYPE jvm_memory_used_bytes gauge\n"));
  }

  @Test
  void headHasTheHeadersOnly() throws Exception {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(200, r.statusCode());
    assertEquals("", r.body());
    assertTrue(Long.parseLong(r.headers().firstValue("content-length").orElse("0")) > 0);
  }

  @Test
  void unknownPathIs404() throws Exception {
    assertEquals(404, server.get("/metrics/extra").statusCode());
  }

  @Test
  void otherMethodsAre405() throws Exception {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
    assertEquals(405, r.statusCode());
    assertEquals("GET, HEAD", r.headers().firstValue("allow").orElse(""));
  }

  @Test
  void syncIsPostOnly() throws Exception {
    HttpResponse<String> r = server.get("/sync");
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("allow").orElse(""));
  }

  @Test
  void postSyncAnswersJsonAndClosesTheConnection() throws Exception {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/sync"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"refs/heads/main\"}"))
                .build());
    assertEquals(200, r.statusCode());
    assertEquals(MonitoringHttpHandler.JSON, r.headers().firstValue("content-type").orElse(""));
    // A folder has no commit; the candidate is the git tree id of its files.
    assertTrue(
        r.body()
            .matches(
                "\\{\"result\":\"unchanged\",\"commit\":null,\"candidate\":\"[0-9a-f]{40}\","
                    + "\"changes\":\\[],\"errors\":\\[]}\n"),
        r.body());
    assertEquals("close", r.headers().firstValue("connection").orElse(""));
  }
}
