package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.DnsClient;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * The TCP limits on real sockets, where what is tested is what the kernel and the transport do
 * together: a client address over its cap of connections, and a client that asks and never reads.
 */
@Timeout(60)
class TcpLimitsEndToEndTest {
  @TempDir Path dir;

  @Test
  void aClientOverItsCapIsClosedWhileOthersConnect() throws Exception {
    try (RunningServer server =
        RunningServer.folder(
            ExampleZones.exampleFolder(dir), "tcp-max-connections-per-client: 2")) {
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          open.add(connect(server, "127.0.0.1"));
          ask(open.get(i));
        }
        try (Socket third = connect(server, "127.0.0.1")) {
          assertEquals(-1, read(third), "the third from 127.0.0.1 is closed at once");
        }
        try (Socket other = connect(server, "127.0.0.2")) {
          ask(other);
        }
        Await.value(
            () -> server.scrape().value("dns_tcp_connections_closed_total", "reason", "per_client"),
            1);
      } finally {
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }

  @Test
  void aClientThatAsksAndNeverReadsIsClosed() throws Exception {
    try (RunningServer server =
            RunningServer.folder(
                ExampleZones.exampleFolder(dir),
                "tcp-slow-reader-timeout: 500ms",
                // so many that the slow reader's timeout comes first
                "tcp-max-in-flight: 65535");
        Socket client = connect(server, "127.0.0.1")) {
      // 2 kB answers, asked for until the kernel's buffers both ways and the server's 64 KiB are
      // full: the server stops reading, so the writes block, on a thread of their own.
      Thread asker =
          new Thread(
              () -> {
                try {
                  DataOutputStream out = new DataOutputStream(client.getOutputStream());
                  byte[] q = Queries.query("big.example.test.", Type.TXT).toWire();
                  while (true) {
                    out.writeShort(q.length);
                    out.write(q);
                  }
                } catch (IOException closed) {
                  // the server closed the connection: what is awaited
                }
              });
      asker.setDaemon(true);
      asker.start();
      Await.value(
          () -> server.scrape().value("dns_tcp_connections_closed_total", "reason", "slow_reader"),
          1);
      Await.value(() -> server.scrape().value("dns_tcp_buffered_bytes"), 0);
      Await.value(() -> server.scrape().value("dns_tcp_connections"), 0);
    }
  }

  private static Socket connect(RunningServer server, String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(server.dnsAddress(), DnsClient.TIMEOUT_MS);
    s.setSoTimeout(DnsClient.TIMEOUT_MS);
    return s;
  }

  private static void ask(Socket s) throws IOException {
    Message r = new Message(DnsClient.tcp(s, Queries.query("www.example.test.", Type.A).toWire()));
    assertEquals(1, r.getHeader().getCount(1));
  }

  private static int read(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    return in.read();
  }
}
