package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.nio.file.Path;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.DnsClient;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** {@code dns_tcp_connections} is the number of TCP connections open now. */
class TcpConnectionsGaugeTest {
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
  void followsOpenConnections() throws Exception {
    assertEquals(0, server.scrape().value("dns_tcp_connections"));
    byte[] query = RunningServer.query("www.example.test.", Type.A).toWire();
    try (Socket first = new Socket()) {
      first.connect(server.dnsAddress());
      // An answer shows the server has taken the connection.
      DnsClient.tcp(first, query);
      try (Socket second = new Socket()) {
        second.connect(server.dnsAddress());
        DnsClient.tcp(second, query);
        assertEquals(2, server.scrape().value("dns_tcp_connections"));
      }
      // The server learns of the close asynchronously.
      Await.value(() -> server.scrape().value("dns_tcp_connections"), 1);
    }
    Await.value(() -> server.scrape().value("dns_tcp_connections"), 0);
  }
}
