package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.ResponseAssembler;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.transport.DnsServer;
import net.anycastdns.server.transport.ServerSettings;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSetHolder;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * With rate N the query log writes exactly every N-th query of a thread, with the client's address
 * and the name, from its own thread.
 */
class QueryLogTest {
  @Test
  void logsEveryNthQuery() throws Exception {
    ZoneSetHolder holder = new ZoneSetHolder();
    holder.publish(ZoneSet.of(List.of(MonitoredServer.exampleZone(7)), 1));
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    QueryLog log = new QueryLog(2, 64, lines::add);
    log.start();
    DnsServer dns =
        new DnsServer(
            new ServerSettings(List.of(MonitoredServer.LOOPBACK), 1, Duration.ofSeconds(10), 100),
            new QueryProcessor(
                holder, new ResponseAssembler(new ServerIdentity("log", null), 1232)),
            log);
    List<Integer> sizes = new ArrayList<>();
    int udpPort;
    int tcpPort;
    try {
      dns.start();
      InetSocketAddress address = dns.boundAddresses().get(0);
      try (DatagramSocket s = new DatagramSocket()) {
        udpPort = s.getLocalPort();
        for (Message q :
            List.of(
                MonitoredServer.query("www.example.test.", Type.A),
                MonitoredServer.query("www.example.test.", Type.AAAA),
                MonitoredServer.query("nope.example.test.", Type.A),
                MonitoredServer.query("example.org.", Type.MX))) {
          sizes.add(MonitoredServer.udp(s, address, q.toWire()).length);
        }
      }
      try (Socket s = new Socket()) {
        s.connect(address);
        tcpPort = s.getLocalPort();
        for (Message q :
            List.of(
                MonitoredServer.query("example.test.", Type.NS),
                MonitoredServer.query("big.example.test.", Type.TXT))) {
          sizes.add(MonitoredServer.tcp(s, q.toWire()).length);
        }
      }
    } finally {
      dns.close();
    }

    assertLine(
        lines,
        "client=127.0.0.1:"
            + udpPort
            + " transport=udp name=www.example.test. class=IN"
            + " type=AAAA rcode=NOERROR size="
            + sizes.get(1)
            + " tc=false duration_us=");
    assertLine(
        lines,
        "client=127.0.0.1:"
            + udpPort
            + " transport=udp name=example.org. class=IN"
            + " type=MX rcode=REFUSED size="
            + sizes.get(3)
            + " tc=false duration_us=");
    assertLine(
        lines,
        "client=127.0.0.1:"
            + tcpPort
            + " transport=tcp name=big.example.test. class=IN"
            + " type=TXT rcode=NOERROR size="
            + sizes.get(5)
            + " tc=false duration_us=");
    log.close();
    assertEquals(List.of(), new ArrayList<>(lines));
    assertEquals(0, log.dropped());
  }

  private static void assertLine(BlockingQueue<String> lines, String start)
      throws InterruptedException {
    String line = lines.poll(10, TimeUnit.SECONDS);
    assertNotNull(line, "no line starting " + start);
    assertTrue(line.startsWith(start), line);
  }
}
