package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
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
 * {@code dns_queries_total} and {@code dns_zone_queries_total} move by exactly the queries sent.
 */
class QueryCountsTest {
  @TempDir static Path dir;
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    ExampleZones.write(dir, "other.test.", ExampleZones.otherTest());
    server = RunningServer.folder(ExampleZones.exampleFolder(dir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void countsByTransportQtypeAndRcode() throws Exception {
    Scrape before = server.scrape();

    for (int i = 0; i < 3; i++) {
      assertRcode(
          Rcode.NOERROR, server.udp(RunningServer.query("www.example.test.", Type.A).toWire()));
    }
    assertRcode(
        Rcode.NXDOMAIN, server.udp(RunningServer.query("nope.example.test.", Type.AAAA).toWire()));
    assertRcode(
        Rcode.REFUSED, server.udp(RunningServer.query("www.example.org.", Type.A).toWire()));
    // NAPTR is not one of the counted types: it is folded into "other".
    assertRcode(
        Rcode.NOERROR, server.udp(RunningServer.query("www.example.test.", Type.NAPTR).toWire()));
    assertRcode(Rcode.NOERROR, server.udp(RunningServer.query("other.test.", Type.SOA).toWire()));
    try (Socket s = new Socket()) {
      s.connect(server.dnsAddress());
      for (int i = 0; i < 2; i++) {
        assertRcode(
            Rcode.NOERROR,
            DnsClient.tcp(s, RunningServer.query("example.test.", Type.MX).toWire()));
      }
    }

    Scrape after = server.scrape();
    assertEquals(3, delta(before, after, "udp", "A", "NOERROR"));
    assertEquals(1, delta(before, after, "udp", "AAAA", "NXDOMAIN"));
    assertEquals(1, delta(before, after, "udp", "A", "REFUSED"));
    assertEquals(1, delta(before, after, "udp", "other", "NOERROR"));
    assertEquals(1, delta(before, after, "udp", "SOA", "NOERROR"));
    assertEquals(2, delta(before, after, "tcp", "MX", "NOERROR"));
    assertEquals(9, after.value("dns_queries_total") - before.value("dns_queries_total"));
    // The refused query belongs to no zone.
    assertEquals(7, zoneDelta(before, after, "example.test."));
    assertEquals(1, zoneDelta(before, after, "other.test."));
  }

  private static double delta(
      Scrape before, Scrape after, String transport, String qtype, String rcode) {
    String[] labels = {"transport", transport, "qtype", qtype, "rcode", rcode};
    return after.value("dns_queries_total", labels) - before.value("dns_queries_total", labels);
  }

  private static double zoneDelta(Scrape before, Scrape after, String zone) {
    return after.value("dns_zone_queries_total", "zone", zone)
        - before.value("dns_zone_queries_total", "zone", zone);
  }

  private static void assertRcode(int rcode, byte[] response) throws Exception {
    assertEquals(Rcode.string(rcode), Rcode.string(new Message(response).getRcode()));
  }
}
