package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.file.Path;
import net.anycastdns.server.testing.DnsClient;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * {@code dns_malformed_queries_total} counts packets dropped unanswered and queries answered
 * FORMERR; only the answered ones reach {@code dns_queries_total} and the latency histogram.
 */
class MalformedQueriesTest {
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
  void countsDroppedAndFormerr() throws Exception {
    Scrape before = server.scrape();
    try (DatagramSocket s = new DatagramSocket()) {
      // Shorter than a header: dropped without an answer.
      s.send(new DatagramPacket(new byte[5], 5, server.dnsAddress()));
      // A header announcing one question, then half a label: FORMERR.
      byte[] formerr = {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w'};
      assertEquals(
          Rcode.FORMERR, new Message(DnsClient.udp(s, server.dnsAddress(), formerr)).getRcode());
      // One event-loop thread reads the socket in order: once this is answered, so is all above.
      assertEquals(
          Rcode.NOERROR,
          new Message(
                  DnsClient.udp(
                      s,
                      server.dnsAddress(),
                      RunningServer.query("www.example.test.", Type.A).toWire()))
              .getRcode());
    }
    Scrape after = server.scrape();

    assertEquals(2, delta(before, after, "dns_malformed_queries_total", "transport", "udp"));
    assertEquals(
        1,
        delta(
            before,
            after,
            "dns_queries_total",
            "transport",
            "udp",
            "qtype",
            "other",
            "rcode",
            "FORMERR"));
    assertEquals(2, delta(before, after, "dns_queries_total"));
    assertEquals(2, delta(before, after, "dns_query_duration_seconds_count", "transport", "udp"));
    assertEquals(0, delta(before, after, "dns_malformed_queries_total", "transport", "tcp"));
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }
}
