package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import net.anycastdns.server.rrl.LimitedNetblocks;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.DnsClient;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Response rate limiting on the real server, over loopback: a flood from one source address
 * (127.0.1.2) is limited while a client of another /24 (127.0.2.2) gets every answer; a client of
 * the flooded /24 with a valid cookie is answered all along; the log says when the netblock starts
 * and stops being limited, once each.
 */
@Timeout(60)
class RrlEndToEndTest {
  private static final int RATE = 10;
  private static final int FLOOD = 300;
  private static final InetSocketAddress FLOODER = new InetSocketAddress("127.0.1.2", 0);

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(LimitedNetblocks.class);
  private RunningServer server;

  @BeforeEach
  void start() throws Exception {
    logged.start();
    logger.addAppender(logged);
    server =
        RunningServer.folder(
            ExampleZones.exampleFolder(dir),
            "rrl: {rate: " + RATE + ", slip: 2, window: 1s, exempt: []}");
  }

  @AfterEach
  void stop() {
    server.close();
    logger.detachAppender(logged);
  }

  @Test
  void aFloodFromOneAddressIsLimitedWhileAnotherNetblockIsAnswered() throws Exception {
    try (DatagramSocket flooder = new DatagramSocket(FLOODER);
        DatagramSocket other = new DatagramSocket(new InetSocketAddress("127.0.2.2", 0))) {
      long start = System.nanoTime();
      Flood flood = flood(flooder);
      double seconds = (System.nanoTime() - start) / 1e9;
      // A full bucket, then what it regains while the flood lasts: the flood runs it into debt.
      assertTrue(
          flood.answers <= RATE * (1 + seconds) + 1,
          flood.answers + " full answers in " + seconds + " s");
      assertTrue(flood.answers >= RATE, "the bucket's tokens: " + flood.answers);
      int limited = FLOOD - flood.answers;
      assertEquals(limited / 2.0, flood.truncated, 1, "every second limited response slips");
      assertTrue(flood.octetsBack < flood.octetsSent, "a flood gets back less than it sends");

      // Another /24 asking for the flooded name, up to the rate, and for other names: all answered.
      for (int i = 0; i < 3 * RATE; i++) {
        byte[] q =
            i < RATE ? www(i) : query(i % 2 == 0 ? "mail.example.test." : "ns1.example.test.", i);
        Message r = new Message(DnsClient.udp(other, server.dnsAddress(), q));
        assertFalse(r.getHeader().getFlag(Flags.TC), "another /24: full answers");
        assertEquals(1, r.getSection(Section.ANSWER).size());
      }
      var scrape = server.scrape();
      assertEquals(
          limited - flood.truncated, scrape.value("dns_rrl_responses_total", "action", "dropped"));
      assertEquals(flood.truncated, scrape.value("dns_rrl_responses_total", "action", "truncated"));
    }
    Await.until("logged as limited", () -> logged("rrl: limiting responses to 127.0.1.0/24"));
    Await.until("logged as no longer limited", () -> logged("rrl: no longer limiting responses"));
    assertEquals(
        1,
        logged.list.stream()
            .filter(e -> e.getFormattedMessage().startsWith("rrl: limiting responses"))
            .count(),
        "one line as it starts, not one per query: "
            + logged.list.stream()
                .map(e -> e.getThreadName() + " " + e.getFormattedMessage())
                .toList());
  }

  @Test
  void aClientWithAValidCookieIsAnsweredDuringAFloodFromItsNetblock() throws Exception {
    byte[] clientCookie = {1, 2, 3, 4, 5, 6, 7, 8};
    try (DatagramSocket flooder = new DatagramSocket(FLOODER);
        DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.1.3", 0))) {
      Message first = new Message(DnsClient.udp(client, server.dnsAddress(), cookie(clientCookie)));
      byte[] cookie = cookieOf(first);
      flood(flooder);
      for (int i = 0; i < 30; i++) {
        Message r = new Message(DnsClient.udp(client, server.dnsAddress(), cookie(cookie)));
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertFalse(r.getHeader().getFlag(Flags.TC), "a valid cookie is never limited");
        assertEquals(1, r.getSection(Section.ANSWER).size());
      }
      assertTrue(server.scrape().value("dns_cookies_total", "result", "valid") >= 30);
    }
  }

  /**
   * A client of the flooded netblock whose cookie is not (yet) valid: among the limited responses
   * it gets, the slips are BADCOOKIE with a server cookie, and with that it is answered.
   */
  @Test
  void aClientWithoutAValidCookieLearnsOneFromBadcookie() throws Exception {
    byte[] clientCookie = {8, 7, 6, 5, 4, 3, 2, 1};
    try (DatagramSocket flooder = new DatagramSocket(FLOODER);
        DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.1.4", 0))) {
      flood(flooder);
      client.setSoTimeout(300);
      Message badcookie = null;
      for (int i = 0; i < 10 && badcookie == null; i++) {
        byte[] q = cookie(clientCookie);
        client.send(new DatagramPacket(q, q.length, server.dnsAddress()));
        try {
          DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
          client.receive(in);
          badcookie = new Message(Arrays.copyOf(in.getData(), in.getLength()));
        } catch (SocketTimeoutException dropped) {
          // every other limited response is dropped
        }
      }
      assertEquals(Rcode.BADCOOKIE, badcookie.getRcode());
      Message r =
          new Message(DnsClient.udp(client, server.dnsAddress(), cookie(cookieOf(badcookie))));
      assertEquals(Rcode.NOERROR, r.getRcode());
      assertEquals(1, r.getSection(Section.ANSWER).size());
    }
  }

  /** What a flood got back: full answers, truncated slips, and octets both ways. */
  private record Flood(int answers, int truncated, long octetsSent, long octetsBack) {}

  /**
   * Sends {@link #FLOOD} queries for one name from {@code socket} as fast as it can, then takes
   * every response, once the server says it has handled them all.
   */
  private Flood flood(DatagramSocket socket) throws Exception {
    double before = handled();
    long sent = 0;
    for (int i = 0; i < FLOOD; i++) {
      byte[] q = www(i);
      socket.send(new DatagramPacket(q, q.length, server.dnsAddress()));
      sent += q.length;
    }
    Await.until("every query of the flood handled", () -> handled() - before >= FLOOD);
    socket.setSoTimeout(200);
    int answers = 0;
    int truncated = 0;
    long back = 0;
    try {
      while (true) {
        DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
        socket.receive(in);
        back += in.getLength();
        Message r = new Message(Arrays.copyOf(in.getData(), in.getLength()));
        if (r.getHeader().getFlag(Flags.TC)) {
          truncated++;
        } else {
          answers++;
        }
      }
    } catch (SocketTimeoutException done) {
      return new Flood(answers, truncated, sent, back);
    }
  }

  /** Responses written plus responses dropped by the rate limit, over UDP. */
  private double handled() throws IOException, InterruptedException {
    var scrape = server.scrape();
    return scrape.value("dns_queries_total", "transport", "udp")
        + scrape.value("dns_rrl_responses_total", "action", "dropped");
  }

  private boolean logged(String prefix) {
    return logged.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(prefix));
  }

  private static byte[] www(int id) {
    return query("www.example.test.", id);
  }

  private static byte[] query(String name, int id) {
    return Queries.withId(Queries.edns(Queries.query(name, Type.A), 1232, false), id).toWire();
  }

  private static byte[] cookie(byte[] cookie) {
    return Queries.edns(
            Queries.query("www.example.test.", Type.A),
            1232,
            false,
            new GenericEDNSOption(EDNSOption.Code.COOKIE, cookie))
        .toWire();
  }

  /** The COOKIE option of a response: client cookie and server cookie, as sent back. */
  private static byte[] cookieOf(Message r) {
    CookieOption c = (CookieOption) r.getOPT().getOptions(EDNSOption.Code.COOKIE).get(0);
    byte[] server = c.getServerCookie().orElseThrow();
    byte[] both = Arrays.copyOf(c.getClientCookie(), 8 + server.length);
    System.arraycopy(server, 0, both, 8, server.length);
    return both;
  }
}
