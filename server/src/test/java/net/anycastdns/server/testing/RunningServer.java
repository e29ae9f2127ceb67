package net.anycastdns.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.anycastdns.common.HostPort;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.server.NameServer;
import net.anycastdns.server.config.ServerConfigReader;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The real server ({@link NameServer}, as {@code serve} starts it) on ephemeral loopback ports,
 * with the ways tests talk to it: DNS over UDP and TCP, the HTTP endpoint, the metrics. Every
 * end-to-end test of the server starts its server here.
 *
 * <p>Unless the test's configuration says otherwise, the server listens on {@code 127.0.0.1:0} for
 * DNS and HTTP, is called {@value #IDENTITY}, and runs one event-loop thread (so that UDP packets
 * from one socket are handled in the order sent).
 */
public final class RunningServer implements AutoCloseable {
  public static final String IDENTITY = "test-1";

  private static final Map<String, String> TEST_DEFAULTS =
      Map.of(
          "listen", "[127.0.0.1:0]",
          "http", "127.0.0.1:0",
          "identity", IDENTITY,
          "threads", "1");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NameServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  private RunningServer(NameServer server) {
    this.server = server;
  }

  /**
   * Starts a server with the configuration {@code yaml} (the keys of a configuration file, one per
   * line), plus the test defaults above for keys it does not give.
   */
  public static RunningServer start(String yaml) throws ConfigException {
    return start(yaml, Clock.systemUTC());
  }

  /**
   * Starts a server as {@link #start(String)} does, on {@code clock}: the time zones are signed at
   * and signatures judged by, which a test moves.
   */
  public static RunningServer start(String yaml, Clock clock) throws ConfigException {
    ServerConfigReader.Loaded config = config(yaml);
    for (int attempt = 1; ; attempt++) {
      try {
        return new RunningServer(NameServer.start(config, () -> config, clock));
      } catch (UsageException e) {
        // Port 0 picks a free TCP port; its UDP twin may be taken. Rare, and worth a new port.
        if (attempt == 5 || !e.getMessage().startsWith("cannot listen on ")) {
          throw e;
        }
      }
    }
  }

  /**
   * Starts a server with the configuration file {@code file} (which must give the test defaults it
   * needs, such as {@code listen: [127.0.0.1:0]}); a reload reads it again, as {@code serve
   * --config} does.
   */
  public static RunningServer configFile(Path file) throws ConfigException {
    return new RunningServer(
        NameServer.start(
            ServerConfigReader.read(file, Map.of()),
            () -> ServerConfigReader.read(file, Map.of())));
  }

  /** Serves the zone folder {@code dir}, with {@code moreYaml} lines of configuration. */
  public static RunningServer folder(Path dir, String... moreYaml) throws ConfigException {
    return start("zones: " + dir + "\n" + String.join("\n", moreYaml));
  }

  /** The configuration {@code yaml} with the test defaults, read as {@code serve} reads a file. */
  public static ServerConfigReader.Loaded config(String yaml) throws ConfigException {
    StringBuilder full = new StringBuilder(yaml).append('\n');
    TEST_DEFAULTS.forEach(
        (key, value) -> {
          if (yaml.lines().noneMatch(l -> l.startsWith(key + ":"))) {
            full.append(key).append(": ").append(value).append('\n');
          }
        });
    return ServerConfigReader.read(
        "test.yaml", full.toString().getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public NameServer server() {
    return server;
  }

  /** The first DNS address bound. */
  public InetSocketAddress dnsAddress() {
    return server.dnsAddresses().get(0);
  }

  public Message udp(Message query) throws IOException {
    return DnsClient.udp(dnsAddress(), query);
  }

  public Message tcp(Message query) throws IOException {
    return DnsClient.tcp(dnsAddress(), query);
  }

  public byte[] udp(byte[] packet) throws IOException {
    return DnsClient.udp(dnsAddress(), packet);
  }

  public byte[] tcp(byte[] packet) throws IOException {
    return DnsClient.tcp(dnsAddress(), packet);
  }

  /** A query for {@code name} and {@code type}, class IN. */
  public static Message query(String name, int type) {
    try {
      return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * The TXT string answered for {@code name} over UDP, or the rcode's mnemonic if there is none.
   */
  public String txt(String name) throws IOException {
    Message answer = udp(query(name, Type.TXT));
    List<Record> records = answer.getSection(Section.ANSWER);
    if (answer.getRcode() != Rcode.NOERROR || records.isEmpty()) {
      return Rcode.string(answer.getRcode());
    }
    return ((TXTRecord) records.get(0)).getStrings().get(0);
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The endpoint's URI for {@code path}. */
  public URI uri(String path) {
    return URI.create("http://" + HostPort.format(server.httpAddress()) + path);
  }

  /** {@code POST /sync}, its status checked, its JSON body returned. */
  public JsonNode sync(int expectedStatus) throws IOException, InterruptedException {
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
  public JsonNode ready() throws IOException, InterruptedException {
    return JSON.readTree(get("/health/ready").body());
  }

  /** {@code GET /metrics}, parsed; fails unless the status is 200. */
  public Scrape scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics");
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /metrics: status " + r.statusCode());
    }
    return Scrape.parse(r.body());
  }

  @Override
  public void close() {
    server.close();
  }
}
