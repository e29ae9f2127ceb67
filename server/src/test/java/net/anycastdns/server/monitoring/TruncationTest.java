package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/** {@code dns_responses_truncated_total} counts the responses sent with TC, per transport. */
class TruncationTest {
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
  void countsTruncatedResponses() throws Exception {
    Scrape before = server.scrape();
    // Ten 200-octet TXT records do not fit in 512 octets (no EDNS): TC over UDP, whole over TCP.
    byte[] query = RunningServer.query("big.example.test.", Type.TXT).toWire();
    assertTrue(new Message(server.udp(query)).getHeader().getFlag(Flags.TC));
    assertTrue(new Message(server.udp(query)).getHeader().getFlag(Flags.TC));
    assertFalse(new Message(server.tcp(query)).getHeader().getFlag(Flags.TC));
    assertFalse(
        new Message(server.udp(RunningServer.query("www.example.test.", Type.A).toWire()))
            .getHeader()
            .getFlag(Flags.TC));
    Scrape after = server.scrape();

    assertEquals(2, delta(before, after, "udp"));
    assertEquals(0, delta(before, after, "tcp"));
  }

  private static double delta(Scrape before, Scrape after, String transport) {
    String name = "dns_responses_truncated_total";
    return after.value(name, "transport", transport) - before.value(name, "transport", transport);
  }
}
