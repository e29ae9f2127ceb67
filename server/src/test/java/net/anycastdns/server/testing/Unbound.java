package net.anycastdns.server.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.anycastdns.common.testing.Missing;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Debian's {@code unbound} as a validating resolver in front of a server under test: it holds the
 * trust anchors given and sends the queries of the zones given to the server (stub zones). Where
 * {@code unbound} is missing, {@link #start} skips the test with a message; with {@code CI=true} it
 * fails instead ({@code .ci/run} installs it).
 */
public final class Unbound implements AutoCloseable {
  private static final Path PROGRAM = Path.of("/usr/sbin/unbound");

  private final Path dir;
  private final Process process;
  private final InetSocketAddress address;

  private Unbound(Path dir, Process process, InetSocketAddress address) {
    this.dir = dir;
    this.process = process;
    this.address = address;
  }

  /**
   * Starts unbound in {@code dir} and waits until it answers.
   *
   * @param test the test's name, for the skip message
   * @param anchors the trust anchors (DNSKEY or DS records of the zones' KSKs)
   * @param zones the zones it asks {@code server} for
   */
  public static Unbound start(
      String test, Path dir, List<Record> anchors, List<String> zones, InetSocketAddress server)
      throws Exception {
    if (!Files.isExecutable(PROGRAM)) {
      String message = test + " SKIPPED: " + PROGRAM + " is missing (apt-get install unbound)";
      Missing.skipOrFail(message);
    }
    int port = freePort();
    Path config = dir.resolve("unbound.conf");
    Files.writeString(config, config(dir, port, anchors, zones, server), StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(PROGRAM.toString(), "-d", "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("unbound.out").toFile())
            .start();
    Unbound unbound =
        new Unbound(dir, process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    Await.until("answered by unbound", () -> unbound.answers(zones.get(0)));
    return unbound;
  }

  /** Asks unbound for {@code qname} and {@code type}, with RD and AD set. */
  public Message ask(String qname, int type) throws IOException {
    Message query = RunningServer.query(qname, type);
    query.getHeader().setFlag(Flags.RD);
    query.getHeader().setFlag(Flags.AD); // asks for the AD bit (RFC 6840 section 5.7)
    return DnsClient.udp(address, query);
  }

  /**
   * Asks for {@code qname} and {@code type} and asserts the rcode, and that the answer is secure
   * (AD) or not as {@code secure} says; the message quotes unbound's validation failures.
   */
  public void assertAnswer(String qname, String type, String rcode, boolean secure)
      throws IOException {
    Message answer = ask(qname, Type.value(type));
    assertAll(
        qname,
        () -> assertEquals(rcode, Rcode.string(answer.getRcode()), qname + " rcode"),
        () ->
            assertEquals(
                secure,
                answer.getHeader().getFlag(Flags.AD),
                () ->
                    qname
                        + " "
                        + type
                        + (secure ? " not secure" : " secure")
                        + "; unbound says: "
                        + validationFailures()));
  }

  /** What unbound logged about failed validations (val-log-level 2). */
  public List<String> validationFailures() {
    try (var lines = Files.lines(dir.resolve("unbound.log"))) {
      return lines.filter(l -> l.contains("validation failure")).limit(5).toList();
    } catch (IOException e) {
      return List.of("(no log: " + e.getMessage() + ")");
    }
  }

  private boolean answers(String zone) {
    try {
      ask(zone, Type.SOA);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String config(
      Path dir, int port, List<Record> anchors, List<String> zones, InetSocketAddress server) {
    StringBuilder c = new StringBuilder();
    c.append("server:\n")
        .append("  interface: 127.0.0.1@")
        .append(port)
        .append('\n')
        .append("  do-daemonize: no\n  username: \"\"\n  chroot: \"\"\n")
        .append("  directory: \"")
        .append(dir)
        .append("\"\n")
        .append("  pidfile: \"")
        .append(dir.resolve("unbound.pid"))
        .append("\"\n")
        .append("  logfile: \"")
        .append(dir.resolve("unbound.log"))
        .append("\"\n")
        .append("  do-not-query-localhost: no\n")
        .append("  module-config: \"validator iterator\"\n")
        .append("  val-log-level: 2\n");
    for (String zone : zones) {
      // Zones under names unbound serves itself (example., test., arpa.) are asked of the stub.
      String top = zone.substring(zone.lastIndexOf('.', zone.length() - 2) + 1);
      c.append("  local-zone: \"").append(top).append("\" nodefault\n");
    }
    for (Record anchor : anchors) {
      c.append("  trust-anchor: \"").append(anchor.toString().replace('\t', ' ')).append("\"\n");
    }
    for (String zone : zones) {
      c.append("stub-zone:\n  name: \"")
          .append(zone)
          .append("\"\n  stub-addr: ")
          .append(server.getAddress().getHostAddress())
          .append('@')
          .append(server.getPort())
          .append('\n');
    }
    return c.toString();
  }

  /** A port free for both UDP and TCP on loopback, for unbound, which must be told one. */
  private static int freePort() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          DatagramSocket udp =
              new DatagramSocket(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()))) {
        return udp.getLocalPort();
      } catch (IOException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
