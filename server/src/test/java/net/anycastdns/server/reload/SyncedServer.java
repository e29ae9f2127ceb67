package net.anycastdns.server.reload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import net.anycastdns.server.monitoring.HttpEndpoint;
import net.anycastdns.server.monitoring.Readiness;
import net.anycastdns.server.monitoring.Scrape;
import net.anycastdns.server.monitoring.ServerMetrics;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.ResponseAssembler;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.transport.DnsServer;
import net.anycastdns.server.transport.ServerSettings;
import net.anycastdns.zones.ZoneSetHolder;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The real DNS server, HTTP endpoint and reloader on ephemeral loopback ports, wired as {@code
 * serve} wires them, over a zone folder or a git remote.
 */
final class SyncedServer implements AutoCloseable {
  static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final ObjectMapper JSON = new ObjectMapper();

  final ZoneSetHolder holder = new ZoneSetHolder();
  final ServerMetrics metrics = new ServerMetrics("test-1", "tst");
  final Readiness readiness = new Readiness(holder);
  final Reloader reloader;
  final HttpEndpoint http;
  final DnsServer dns;
  private final HttpClient client = HttpClient.newHttpClient();

  private SyncedServer(ZoneSource source, SerialPolicy policy, int threads)
      throws DnsServer.ListenException {
    reloader =
        new Reloader(
            source,
            new ZoneSetLoader(policy, null),
            holder,
            List.of(metrics, readiness),
            Clock.systemUTC());
    http = new HttpEndpoint(LOOPBACK, metrics, readiness, reloader);
    QueryProcessor processor =
        new QueryProcessor(
            holder, new ResponseAssembler(new ServerIdentity("test-1", "test"), 1232));
    dns =
        new DnsServer(
            new ServerSettings(List.of(LOOPBACK), threads, Duration.ofSeconds(10), 100),
            processor,
            metrics);
  }

  /** Serves {@code source}: the first load done, listening. */
  static SyncedServer start(ZoneSource source, SerialPolicy policy, int threads) throws Exception {
    SyncedServer s = new SyncedServer(source, policy, threads);
    try {
      s.http.start();
      s.reloader.start();
      s.dns.start();
      s.readiness.listening();
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  /** Serves the branch of {@code remote}, kept in {@code gitDir}. */
  static SyncedServer git(GitRemote remote, Path gitDir, SerialPolicy policy) throws Exception {
    return start(GitZoneSource.open(remote.url(), GitRemote.BRANCH, "", gitDir), policy, 1);
  }

  /** Serves the zone folder {@code dir}. */
  static SyncedServer folder(Path dir) throws Exception {
    return start(new DirectoryZoneSource(dir), SerialPolicy.STRICT, 1);
  }

  InetSocketAddress dnsAddress() {
    return dns.boundAddresses().get(0);
  }

  /** The TXT string answered for {@code name}, or the rcode's mnemonic when there is none. */
  String txt(String name) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      return txt(s, dnsAddress(), name);
    }
  }

  static String txt(DatagramSocket s, InetSocketAddress server, String name) throws IOException {
    Message answer = new Message(exchange(s, server, query(name, Type.TXT).toWire()));
    List<Record> records = answer.getSection(Section.ANSWER);
    if (answer.getRcode() != Rcode.NOERROR || records.isEmpty()) {
      return Rcode.string(answer.getRcode());
    }
    return ((TXTRecord) records.get(0)).getStrings().get(0);
  }

  static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  static byte[] exchange(DatagramSocket s, InetSocketAddress server, byte[] packet)
      throws IOException {
    s.setSoTimeout(5_000);
    s.send(new DatagramPacket(packet, packet.length, server));
    DatagramPacket in = new DatagramPacket(new byte[65_535], 65_535);
    s.receive(in);
    return Arrays.copyOf(in.getData(), in.getLength());
  }

  HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code POST /sync}, its status checked, its JSON body returned. */
  JsonNode sync(int expectedStatus) throws IOException, InterruptedException {
    HttpResponse<String> r = post("/sync");
    if (r.statusCode() != expectedStatus) {
      throw new AssertionError(
          "POST /sync: status "
              + r.statusCode()
              + ", expected "
              + expectedStatus
              + ": "
              + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** {@code GET /health/ready}'s JSON body. */
  JsonNode ready() throws IOException, InterruptedException {
    return JSON.readTree(get("/health/ready").body());
  }

  Scrape scrape() throws IOException, InterruptedException {
    return Scrape.parse(get("/metrics").body());
  }

  private URI uri(String path) {
    return URI.create("http://" + DnsServer.format(http.boundAddress()) + path);
  }

  /** Waits until {@code condition} holds, for changes nothing signals; fails after 10 s. */
  static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not " + what + " after 10 s");
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    reloader.close();
    dns.close();
    http.close();
    metrics.close();
  }
}
