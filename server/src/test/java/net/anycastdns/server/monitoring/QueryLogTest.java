package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.DnsClient;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * With rate N the query log writes exactly every N-th query of a thread, with the client's address
 * and the name, from its own thread, into its own file ({@code query-log-file}), which SIGHUP
 * reopens so that it can be rotated.
 */
class QueryLogTest {
  @TempDir Path dir;

  @Test
  void logsEveryNthQueryToItsFile() throws Exception {
    Path log = dir.resolve("queries.log");
    List<Integer> sizes = new ArrayList<>();
    int udpPort;
    int tcpPort;
    try (RunningServer server =
        RunningServer.folder(
            ExampleZones.exampleFolder(Files.createDirectory(dir.resolve("zones"))),
            "query-log: 2",
            "query-log-file: " + log)) {
      try (DatagramSocket s = new DatagramSocket()) {
        udpPort = s.getLocalPort();
        for (Message q :
            List.of(
                RunningServer.query("www.example.test.", Type.A),
                RunningServer.query("www.example.test.", Type.AAAA),
                RunningServer.query("nope.example.test.", Type.A),
                RunningServer.query("example.org.", Type.MX))) {
          sizes.add(DnsClient.udp(s, server.dnsAddress(), q.toWire()).length);
        }
      }
      try (Socket s = new Socket()) {
        s.connect(server.dnsAddress());
        tcpPort = s.getLocalPort();
        for (Message q :
            List.of(
                RunningServer.query("example.test.", Type.NS),
                RunningServer.query("big.example.test.", Type.TXT))) {
          sizes.add(DnsClient.tcp(s, q.toWire()).length);
        }
      }
      Await.until("3 lines written", () -> lines(log).size() == 3);
    }
    List<String> lines = lines(log);
    assertStarts(
        "client=127.0.0.1:"
            + udpPort
            + " transport=udp name=www.example.test. class=IN"
            + " type=AAAA rcode=NOERROR size="
            + sizes.get(1)
            + " tc=false duration_us=",
        lines.get(0));
    assertStarts(
        "client=127.0.0.1:"
            + udpPort
            + " transport=udp name=example.org. class=IN"
            + " type=MX rcode=REFUSED size="
            + sizes.get(3)
            + " tc=false duration_us=",
        lines.get(1));
    assertStarts(
        "client=127.0.0.1:"
            + tcpPort
            + " transport=tcp name=big.example.test. class=IN"
            + " type=TXT rcode=NOERROR size="
            + sizes.get(5)
            + " tc=false duration_us=",
        lines.get(2));
    assertEquals(3, lines.size());
  }

  @Test
  void aHangupReopensTheFileAfterItWasMovedAway() throws Exception {
    Path log = dir.resolve("queries.log");
    Path rotated = dir.resolve("queries.log.1");
    try (RunningServer server =
        RunningServer.folder(
            ExampleZones.exampleFolder(Files.createDirectory(dir.resolve("zones"))),
            "query-log: 1",
            "query-log-file: " + log)) {
      server.udp(RunningServer.query("www.example.test.", Type.A));
      Await.until("the first line written", () -> lines(log).size() == 1);
      Files.move(log, rotated);

      server.server().hangup();
      server.udp(RunningServer.query("www.example.test.", Type.AAAA));

      Await.until("the second line in a new file", () -> lines(log).size() == 1);
      assertTrue(lines(log).get(0).contains("type=AAAA"), lines(log).toString());
      assertEquals(1, lines(rotated).size());
    }
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static void assertStarts(String start, String line) {
    assertTrue(line.startsWith(start), line + "\ndoes not start with\n" + start);
  }
}
