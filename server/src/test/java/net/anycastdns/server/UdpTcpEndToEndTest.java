package net.anycastdns.server;

import static net.anycastdns.server.Queries.edns;
import static net.anycastdns.server.Queries.query;
import static net.anycastdns.server.Queries.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.anycastdns.common.HostPort;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The real server on loopback, spoken to with plain JDK sockets. */
@Timeout(30)
class UdpTcpEndToEndTest {
  private static final String ZONE =
      TestServer.EXAMPLE_ORG
          + """
      $GENERATE 1-100 big A 198.51.100.$
      """;

  @TempDir static Path dir;
  private static RunningServer server;
  private static InetSocketAddress address;

  @BeforeAll
  static void startServer() throws Exception {
    Files.writeString(dir.resolve("example.org.zone"), ZONE);
    server = start("127.0.0.1", "10s", 100);
    address = server.dnsAddress();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** The server on an ephemeral port of {@code host}, two threads. */
  private static RunningServer start(String host, String idle, int maxConnections)
      throws Exception {
    return RunningServer.folder(
        dir,
        "listen: [\"" + (host.contains(":") ? "[" + host + "]" : host) + ":0\"]",
        "threads: 2",
        "identity: " + TestServer.IDENTITY,
        "server-version: " + TestServer.VERSION,
        "tcp-idle-timeout: " + idle,
        "tcp-max-connections: " + maxConnections);
  }

  @Test
  void boundToTheEphemeralPortAsked() {
    assertEquals(1, server.server().dnsAddresses().size());
    assertEquals("127.0.0.1", address.getAddress().getHostAddress());
    assertNotEquals(0, address.getPort());
  }

  @ParameterizedTest(name = "{0} {1} over {2}")
  @CsvSource({
    "www.example.org.,   A,    udp, NOERROR,  1",
    "www.example.org.,   A,    tcp, NOERROR,  1",
    "alias.example.org., A,    udp, NOERROR,  2",
    "alias.example.org., A,    tcp, NOERROR,  2",
    "nope.example.org.,  A,    udp, NXDOMAIN, 0",
    "nope.example.org.,  A,    tcp, NXDOMAIN, 0",
    "www.example.com.,   A,    udp, REFUSED,  0",
    "www.example.com.,   A,    tcp, REFUSED,  0",
    "big.example.org.,   A,    tcp, NOERROR,  100",
  })
  void answersOnBothTransports(
      String name, String type, String transport, String rcode, int answers) throws IOException {
    Message q = query(name, Type.value(type));
    Message r = transport.equals("udp") ? udp(address, q) : tcp(address, q);
    assertEquals(q.getHeader().getID(), r.getHeader().getID());
    assertEquals(Rcode.value(rcode), r.getRcode());
    assertEquals(answers, r.getSection(Section.ANSWER).size());
    assertFalse(r.getHeader().getFlag(Flags.TC));
    if (name.startsWith("www.example.org.")) {
      assertEquals(
          "192.0.2.1",
          ((ARecord) r.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
    }
  }

  @Test
  void bigAnswerTruncatedOverUdpWholeOverTcp() throws IOException {
    Message overUdp = udp(address, edns(query("big.example.org.", Type.A), 4096, false));
    assertTrue(overUdp.getHeader().getFlag(Flags.TC));
    assertEquals(0, overUdp.getSection(Section.ANSWER).size());
    Message overTcp = tcp(address, edns(query("big.example.org.", Type.A), 4096, false));
    assertFalse(overTcp.getHeader().getFlag(Flags.TC));
    assertEquals(100, overTcp.getSection(Section.ANSWER).size());
    assertEquals(TestServer.MAX_UDP, overTcp.getOPT().getPayloadSize());
  }

  @Test
  void pipelinedQueriesAnsweredInOrder() throws IOException {
    Message[] queries = {
      withId(query("www.example.org.", Type.A), 101),
      withId(query("big.example.org.", Type.A), 102),
      withId(query("nope.example.org.", Type.AAAA), 103),
    };
    try (Socket s = connect(address)) {
      s.getOutputStream()
          .write(frames(queries[0].toWire(), queries[1].toWire(), queries[2].toWire()));
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (Message q : queries) {
        Message r = readMessage(in);
        assertEquals(q.getHeader().getID(), r.getHeader().getID());
        assertEquals(q.getQuestion(), r.getQuestion());
      }
      // And the connection goes on.
      Message q = withId(query("alias.example.org.", Type.A), 104);
      s.getOutputStream().write(frames(q.toWire()));
      assertEquals(104, readMessage(in).getHeader().getID());
    }
  }

  @Test
  void droppedAndMalformedMessagesDoNotEndTheConnection() throws IOException {
    byte[] response = query("www.example.org.", Type.A).toWire();
    response[2] |= (byte) 0x80; // QR: a response, dropped without an answer
    byte[] garbage = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1};
    byte[] good = withId(query("www.example.org.", Type.A), 9).toWire();
    try (Socket s = connect(address)) {
      s.getOutputStream().write(frames(response, new byte[0], new byte[5], garbage, good));
      DataInputStream in = new DataInputStream(s.getInputStream());
      Message formerr = readMessage(in);
      assertEquals(1, formerr.getHeader().getID());
      assertEquals(Rcode.FORMERR, formerr.getRcode());
      Message answer = readMessage(in);
      assertEquals(9, answer.getHeader().getID());
      assertEquals(Rcode.NOERROR, answer.getRcode());
    }
  }

  @Test
  void answeredWhenTheClientHasShutItsSendingSide() throws IOException {
    try (Socket s = connect(address)) {
      s.getOutputStream()
          .write(
              frames(
                  withId(query("www.example.org.", Type.A), 11).toWire(),
                  withId(query("big.example.org.", Type.A), 12).toWire()));
      s.shutdownOutput();
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertEquals(11, readMessage(in).getHeader().getID());
      Message big = readMessage(in);
      assertEquals(12, big.getHeader().getID());
      assertEquals(100, big.getSection(Section.ANSWER).size());
      assertEquals(-1, in.read());
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
    try (RunningServer capped = start("127.0.0.1", "10s", 2)) {
      InetSocketAddress at = capped.dnsAddress();
      Socket a = connect(at);
      try (Socket b = connect(at)) {
        assertAnswered(a, 1);
        assertAnswered(b, 2);
        awaitOpen(capped, 2);
        try (Socket c = connect(at)) {
          long start = System.nanoTime();
          assertEquals(-1, readOrReset(c), "the third connection is closed");
          long ms = (System.nanoTime() - start) / 1_000_000;
          assertTrue(ms < 1000, "closed after " + ms + " ms");
        }
        awaitOpen(capped, 2);
        assertAnswered(a, 3);
        assertAnswered(b, 4);
        a.close();
        awaitOpen(capped, 1);
        try (Socket d = connect(at)) {
          assertAnswered(d, 5); // the slot freed by a is given again
        }
      } finally {
        a.close();
      }
      awaitOpen(capped, 0);
    }
  }

  @Test
  void garbageBurstDoesNotStallTheServer() throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    double errorsBefore = server.scrape().value("dns_internal_errors_total");
    try (DatagramSocket noise = new DatagramSocket()) {
      for (int i = 0; i < 3000; i++) {
        byte[] b = new byte[rnd.nextInt(601)];
        for (int j = 0; j < b.length; j++) {
          b[j] = (byte) rnd.nextInt(256);
        }
        if (b.length > 2 && i % 2 == 0) {
          b[2] &= 0x07; // a query with opcode 0, so that many are parsed further
        }
        noise.send(new DatagramPacket(b, b.length, address));
      }
    }
    Message r = udp(address, withId(query("www.example.org.", Type.A), 4242));
    assertEquals(4242, r.getHeader().getID());
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertEquals(1, r.getSection(Section.ANSWER).size());
    assertEquals(errorsBefore, server.scrape().value("dns_internal_errors_total"));
    // TCP is still served too.
    assertEquals(Rcode.NOERROR, tcp(address, query("www.example.org.", Type.A)).getRcode());
  }

  @Test
  void ipv6Loopback() throws Exception {
    boolean ipv6;
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
      ipv6 = probe.isBound();
    } catch (IOException e) {
      ipv6 = false;
    }
    Assumptions.assumeTrue(ipv6, "::1 cannot be bound here");
    try (RunningServer v6 = start("::1", "10s", 10)) {
      InetSocketAddress at = v6.dnsAddress();
      assertEquals("[::1]:" + at.getPort(), HostPort.format(at));
      Message overUdp = udp(at, query("www.example.org.", Type.AAAA));
      assertEquals(
          "2001:db8:0:0:0:0:0:1",
          overUdp.getSection(Section.ANSWER).get(0).rdataToString().replace("::", ":0:0:0:0:0:"));
      Message overTcp = tcp(at, query("www.example.org.", Type.AAAA));
      assertEquals(overUdp.getSection(Section.ANSWER), overTcp.getSection(Section.ANSWER));
    }
  }

  // --- plain socket clients ---

  static Message udp(InetSocketAddress to, Message q) throws IOException {
    byte[] wire = q.toWire();
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(to.getAddress(), 0))) {
      s.setSoTimeout(2000);
      for (int attempt = 0; attempt < 3; attempt++) {
        s.send(new DatagramPacket(wire, wire.length, to));
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          s.receive(p);
        } catch (SocketTimeoutException e) {
          continue;
        }
        assertTrue(p.getLength() <= 512 || q.getOPT() != null, "UDP response of " + p.getLength());
        return new Message(Arrays.copyOf(buf, p.getLength()));
      }
    }
    throw new AssertionError("no UDP answer from " + to);
  }

  static Message tcp(InetSocketAddress to, Message q) throws IOException {
    try (Socket s = connect(to)) {
      s.getOutputStream().write(frames(q.toWire()));
      return readMessage(new DataInputStream(s.getInputStream()));
    }
  }

  static Socket connect(InetSocketAddress to) throws IOException {
    Socket s = new Socket();
    s.connect(to, 2000);
    s.setSoTimeout(5000);
    s.setTcpNoDelay(true);
    return s;
  }

  /** Messages with their two-octet length in front, in one buffer (one write). */
  static byte[] frames(byte[]... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] m : messages) {
      out.write(m.length >>> 8);
      out.write(m.length);
      out.writeBytes(m);
    }
    return out.toByteArray();
  }

  static Message readMessage(DataInputStream in) throws IOException {
    int length = in.readUnsignedShort();
    byte[] b = new byte[length];
    in.readFully(b);
    return new Message(b);
  }

  private static void assertAnswered(Socket s, int id) throws IOException {
    s.getOutputStream().write(frames(withId(query("www.example.org.", Type.A), id).toWire()));
    Message r = readMessage(new DataInputStream(s.getInputStream()));
    assertEquals(id, r.getHeader().getID());
    assertEquals(1, r.getSection(Section.ANSWER).size());
  }

  /** -1 when the peer closed; a reset counts as closed as well. */
  private static int readOrReset(Socket s) throws IOException {
    try {
      return s.getInputStream().read();
    } catch (SocketException e) {
      return -1;
    }
  }

  private static void awaitOpen(RunningServer s, int expected) throws Exception {
    Await.value(() -> s.scrape().value("dns_tcp_connections"), expected);
  }
}
