package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The latency and size histograms count every answered query once per transport, in buckets from 10
 * µs to 10 s, and the size sum is the bytes actually received.
 */
class QueryDurationTest {
  private static final List<String> DURATION_BUCKETS =
      List.of(
          "1.0E-5", "2.5E-5", "5.0E-5", "1.0E-4", "2.5E-4", "5.0E-4", "0.001", "0.0025", "0.005",
          "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf");
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
  void histogramsCountEachAnswerOnce() throws Exception {
    Scrape before = server.scrape();
    long udpBytes = 0;
    long tcpBytes = 0;
    for (int i = 0; i < 4; i++) {
      udpBytes += server.udp(RunningServer.query("www.example.test.", Type.AAAA).toWire()).length;
    }
    for (int i = 0; i < 3; i++) {
      tcpBytes += server.tcp(RunningServer.query("example.test.", Type.NS).toWire()).length;
    }
    Scrape after = server.scrape();

    assertEquals(4, delta(before, after, "dns_query_duration_seconds_count", "udp"));
    assertEquals(3, delta(before, after, "dns_query_duration_seconds_count", "tcp"));
    assertEquals(4, delta(before, after, "dns_response_size_bytes_count", "udp"));
    assertEquals(3, delta(before, after, "dns_response_size_bytes_count", "tcp"));
    assertEquals(udpBytes, delta(before, after, "dns_response_size_bytes_sum", "udp"));
    assertEquals(tcpBytes, delta(before, after, "dns_response_size_bytes_sum", "tcp"));
    assertTrue(delta(before, after, "dns_query_duration_seconds_sum", "udp") > 0);
    for (String transport : List.of("udp", "tcp")) {
      List<Scrape.Sample> buckets =
          after.matching("dns_query_duration_seconds_bucket", "transport", transport);
      assertEquals(DURATION_BUCKETS, buckets.stream().map(b -> b.labels().get("le")).toList());
      double previous = 0;
      for (Scrape.Sample b : buckets) {
        assertTrue(b.value() >= previous, "buckets are cumulative");
        previous = b.value();
      }
      assertEquals(
          after.value("dns_query_duration_seconds_count", "transport", transport), previous);
    }
  }

  private static double delta(Scrape before, Scrape after, String name, String transport) {
    return after.value(name, "transport", transport) - before.value(name, "transport", transport);
  }
}
