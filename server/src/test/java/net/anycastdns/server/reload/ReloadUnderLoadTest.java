package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.DnsClient;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Zone sets swapped again and again while clients send a steady stream of queries: every query is
 * answered, and every answer comes from one whole set. Two zones change together in each
 * generation, and each client asks of both in turn; a swap that let a query see the new set for one
 * zone and the old for the other would show as a generation going backwards.
 */
class ReloadUnderLoadTest {
  private static final int SWAPS = 40;
  private static final int FILLER_NAMES = 500;

  @TempDir Path dir;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong mismatched = new AtomicLong();
  private final List<String> mismatches = new ArrayList<>();

  @Test
  void noQueryLostOrAnsweredFromAHalfLoadedSet() throws Exception {
    writeGeneration(1);
    try (RunningServer server = RunningServer.folder(dir, "threads: 2")) {
      InetSocketAddress address = server.dnsAddress();
      List<Thread> clients =
          List.of(
              client("udp-1", () -> udpClient(address)),
              client("udp-2", () -> udpClient(address)),
              client("tcp-1", () -> tcpClient(address)));
      clients.forEach(Thread::start);
      for (int g = 2; g <= SWAPS + 1; g++) {
        writeGeneration(g);
        assertEquals(SyncResult.Outcome.UPDATED, server.server().sync("test").outcome());
        long seen = answered.get();
        Await.until("answering after swap " + g, () -> answered.get() >= seen + 30);
      }
      running.set(false);
      for (Thread t : clients) {
        t.join(10_000);
      }
      System.out.printf(
          "reload under load: %d queries sent, %d answered, %d mismatched, %d swaps%n",
          sent.get(), answered.get(), mismatched.get(), SWAPS);
      synchronized (mismatches) {
        assertEquals(List.of(), mismatches);
      }
      assertEquals(sent.get(), answered.get(), "every query answered");
      assertEquals(SWAPS + 1, server.server().servingState().generation());
    }
  }

  /** Generation {@code g} of both zones: serial {@code g}, {@code www} TXT "g", filler names. */
  private void writeGeneration(int g) throws IOException {
    for (String zone : List.of("a.test", "b.test")) {
      StringBuilder text = new StringBuilder(TestZones.zone(g, Integer.toString(g)));
      for (int i = 0; i < FILLER_NAMES; i++) {
        text.append("h")
            .append(i)
            .append(" A 10.0.")
            .append(i >> 8)
            .append('.')
            .append(i & 255)
            .append('\n');
      }
      Files.writeString(dir.resolve(zone + ".zone"), text);
    }
  }

  private interface Client {
    void run() throws Exception;
  }

  private Thread client(String name, Client body) {
    return new Thread(
        () -> {
          try {
            body.run();
          } catch (Exception e) {
            mismatch(name + ": " + e);
          }
        },
        name);
  }

  private void udpClient(InetSocketAddress server) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      ask(q -> DnsClient.udp(s, server, q));
    }
  }

  private void tcpClient(InetSocketAddress server) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(server, 5_000);
      s.setSoTimeout(5_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      ask(
          q -> {
            out.writeShort(q.length);
            out.write(q);
            out.flush();
            byte[] response = new byte[in.readUnsignedShort()];
            in.readFully(response);
            return response;
          });
    }
  }

  private interface Exchange {
    byte[] send(byte[] query) throws IOException;
  }

  /** Asks of both zones in turn until stopped; the generations seen never go backwards. */
  private void ask(Exchange exchange) throws IOException {
    int last = 1;
    for (long i = 0; running.get(); i++) {
      String name = i % 2 == 0 ? "www.a.test." : "www.b.test.";
      sent.incrementAndGet();
      Message m = new Message(exchange.send(RunningServer.query(name, Type.TXT).toWire()));
      answered.incrementAndGet();
      List<Record> answer = m.getSection(Section.ANSWER);
      if (m.getRcode() != Rcode.NOERROR || answer.size() != 1) {
        mismatch(name + ": " + Rcode.string(m.getRcode()) + " with " + answer.size() + " answers");
        continue;
      }
      int g = Integer.parseInt(((TXTRecord) answer.get(0)).getStrings().get(0));
      if (g < last || g > SWAPS + 1) {
        mismatch(name + ": generation " + g + " after " + last);
      }
      last = Math.max(last, g);
    }
  }

  private void mismatch(String what) {
    mismatched.incrementAndGet();
    synchronized (mismatches) {
      if (mismatches.size() < 20) {
        mismatches.add(what);
      }
    }
  }
}
