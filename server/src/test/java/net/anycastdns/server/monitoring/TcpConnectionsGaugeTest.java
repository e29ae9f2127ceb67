package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** {@code dns_tcp_connections} is the number of TCP connections open now. */
class TcpConnectionsGaugeTest {
  private static MonitoredServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new MonitoredServer();
    server.publish(MonitoredServer.exampleZone(7));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void followsOpenConnections() throws Exception {
    assertEquals(0, server.scrape().value("dns_tcp_connections"));
    byte[] query = MonitoredServer.query("www.example.test.", Type.A).toWire();
    try (Socket first = new Socket()) {
      first.connect(server.dnsAddress());
      // An answer shows the server has taken the connection.
      MonitoredServer.tcp(first, query);
      try (Socket second = new Socket()) {
        second.connect(server.dnsAddress());
        MonitoredServer.tcp(second, query);
        assertEquals(2, server.scrape().value("dns_tcp_connections"));
      }
      // The server learns of the close asynchronously.
      MonitoredServer.await(() -> server.scrape().value("dns_tcp_connections"), 1);
    }
    MonitoredServer.await(() -> server.scrape().value("dns_tcp_connections"), 0);
  }
}
