package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.ResponseAssembler;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.reload.SyncResult;
import net.anycastdns.server.transport.DnsServer;
import net.anycastdns.server.transport.ServerSettings;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSetHolder;
import net.anycastdns.zones.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The real DNS server and HTTP endpoint on ephemeral loopback ports, with metrics, as {@code serve}
 * wires them; one event-loop thread, so that UDP packets are handled in the order sent. It starts
 * with no zone, as {@code serve} does while zones load.
 */
final class MonitoredServer implements AutoCloseable {
  static final String IDENTITY = "test-1";
  static final String POP = "tst";
  static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  final ZoneSetHolder holder = new ZoneSetHolder();
  final ServerMetrics metrics = new ServerMetrics(IDENTITY, POP);
  final Readiness readiness = new Readiness(holder);
  final HttpEndpoint http =
      new HttpEndpoint(
          LOOPBACK,
          metrics,
          readiness,
          trigger ->
              CompletableFuture.completedFuture(
                  new SyncResult(SyncResult.Outcome.UNCHANGED, null, null, List.of(), List.of())));
  final DnsServer dns;
  private final HttpClient client = HttpClient.newHttpClient();
  private long generation;

  MonitoredServer() throws DnsServer.ListenException {
    QueryProcessor processor =
        new QueryProcessor(
            holder, new ResponseAssembler(new ServerIdentity(IDENTITY, "test"), 1232));
    dns =
        new DnsServer(
            new ServerSettings(List.of(LOOPBACK), 1, Duration.ofSeconds(10), 100),
            processor,
            metrics);
    metrics.watch(dns);
    http.start();
    dns.start();
    readiness.listening();
  }

  /** Loads a zone from master-file text, as {@code serve} loads a file. */
  static ZoneSnapshot zone(String origin, String text) {
    try {
      ZoneDirectoryLoader.ZoneLoad load =
          ZoneDirectoryLoader.load(
              origin + "zone", Name.fromString(origin), text.getBytes(StandardCharsets.US_ASCII));
      assertTrue(load.ok(), () -> load.problems().toString());
      return load.zone();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The zone {@code example.test.} with the given serial. */
  static ZoneSnapshot exampleZone(long serial) {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      big.append("big TXT \"").append(String.valueOf((char) ('a' + i)).repeat(200)).append("\"\n");
    }
    return zone(
        "example.test.",
        "$TTL 300\n"
            + "@ SOA ns1 hostmaster "
            + serial
            + " 3600 900 1209600 300\n"
            + "@ NS ns1\n"
            + "@ MX 10 mail\n"
            + "ns1 A 192.0.2.1\n"
            + "mail A 192.0.2.25\n"
            + "www A 192.0.2.80\n"
            + "www AAAA 2001:db8::80\n"
            + big);
  }

  /** The zone {@code other.test.}. */
  static ZoneSnapshot otherZone() {
    return zone(
        "other.test.",
        "$TTL 300\n"
            + "@ SOA ns1 hostmaster 42 3600 900 1209600 300\n"
            + "@ NS ns1\n"
            + "ns1 A 192.0.2.2\n");
  }

  /** Publishes these zones as {@code serve} does: metrics first, then the holder. */
  ZoneSet publish(ZoneSnapshot... zones) {
    ZoneSet set = ZoneSet.of(Arrays.asList(zones), ++generation);
    metrics.zones(set);
    holder.publish(set);
    return set;
  }

  static Message query(String name, int type) {
    try {
      return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  InetSocketAddress dnsAddress() {
    return dns.boundAddresses().get(0);
  }

  /** Sends {@code packet} over UDP from a new socket and returns the response's bytes. */
  byte[] udp(byte[] packet) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      return udp(s, packet);
    }
  }

  byte[] udp(DatagramSocket s, byte[] packet) throws IOException {
    return udp(s, dnsAddress(), packet);
  }

  static byte[] udp(DatagramSocket s, InetSocketAddress server, byte[] packet) throws IOException {
    s.setSoTimeout(5_000);
    s.send(new DatagramPacket(packet, packet.length, server));
    DatagramPacket in = new DatagramPacket(new byte[65_535], 65_535);
    s.receive(in);
    return Arrays.copyOf(in.getData(), in.getLength());
  }

  /** Sends {@code packet} over a new TCP connection and returns the response's bytes. */
  byte[] tcp(byte[] packet) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(dnsAddress(), 5_000);
      return tcp(s, packet);
    }
  }

  static byte[] tcp(Socket s, byte[] packet) throws IOException {
    s.setSoTimeout(5_000);
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(packet.length);
    out.write(packet);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] response = new byte[in.readUnsignedShort()];
    in.readFully(response);
    return response;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://" + DnsServer.format(http.boundAddress()) + path);
  }

  Scrape scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics");
    assertTrue(r.statusCode() == 200, () -> "status " + r.statusCode());
    return Scrape.parse(r.body());
  }

  /** Scrapes until {@code value} reads {@code expected}, for changes no answer can signal. */
  static void await(Callable<Double> value, double expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    double last;
    while ((last = value.call()) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + expected + ", still " + last);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    dns.close();
    http.close();
    metrics.close();
  }
}
