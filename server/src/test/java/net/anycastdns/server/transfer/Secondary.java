package net.anycastdns.server.transfer;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.anycastdns.common.testing.Missing;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.DnsClient;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A real secondary from Debian's packages (Knot DNS, NSD, BIND 9), run by a test on a loopback port
 * with a configuration of its own in a temporary folder, its log kept there to be read. Missing,
 * the test skips and says so; with {@code CI=true} it fails instead.
 */
final class Secondary implements AutoCloseable {
  final String name;
  final int port;
  final Path dir;
  final Path log;
  private Process process;

  private Secondary(String name, int port, Path dir) {
    this.name = name;
    this.port = port;
    this.dir = dir;
    this.log = dir.resolve(name + ".log");
  }

  /** A secondary called {@code name} in {@code dir}, on a free port; skips unless installed. */
  static Secondary prepare(String name, Path dir, String program) throws IOException {
    if (!Files.isExecutable(Path.of("/usr/sbin", program))) {
      String message =
          name
              + " test SKIPPED: /usr/sbin/"
              + program
              + " is missing (apt-get install "
              + name
              + ")";
      Missing.skipOrFail(message);
    }
    return new Secondary(name, freePort(), dir);
  }

  /** A port free for both UDP and TCP on 127.0.0.1. */
  static int freePort() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException e) {
          if (attempt > 20) {
            throw e;
          }
        }
      }
    }
  }

  /** Starts the daemon with {@code command}, its output into the log. */
  void start(List<String> command) throws IOException {
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The serial of {@code zone} the secondary answers now, or -1 (no answer, not loaded). */
  long serial(Name zone) {
    try {
      Message q = Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN));
      Message r = DnsClient.udp(address(), q);
      if (r.getRcode() != Rcode.NOERROR || r.getSection(Section.ANSWER).isEmpty()) {
        return -1;
      }
      return ((SOARecord) r.getSection(Section.ANSWER).get(0)).getSerial();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Waits until a line of the daemon's log holds every one of {@code parts} (daemons write their
   * logs buffered, after the event).
   */
  void awaitLog(String... parts) throws Exception {
    Await.until(
        name + " logs " + String.join(" ... ", parts),
        () -> log().lines().anyMatch(l -> Arrays.stream(parts).allMatch(l::contains)));
  }

  /** The daemon's log so far. */
  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
