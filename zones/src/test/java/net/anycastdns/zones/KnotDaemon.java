package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.anycastdns.common.testing.Missing;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Debian's {@code knotd} serving one zone on a free loopback port, for tests that compare answers
 * with Knot DNS. Where {@code knotd} is missing the calling test is skipped with a message; under
 * {@code CI=true} that is a failure.
 */
final class KnotDaemon implements AutoCloseable {
  private static final Path KNOTD = Path.of("/usr/sbin/knotd");

  private final Process process;
  private final int port;

  private KnotDaemon(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts Knot on zone {@code origin} with {@code zoneText} (written as ISO-8859-1, so that each
   * char is one octet) in {@code dir}, and waits until it answers the zone's SOA.
   *
   * @param test the calling test's name, for the skip message
   */
  static KnotDaemon serve(String test, Path dir, String origin, String zoneText) throws Exception {
    if (!Files.isExecutable(KNOTD)) {
      Missing.skipOrFail(test + " SKIPPED: knotd is missing (apt-get install knot)");
    }
    int port = freePort();
    Path zoneFile = dir.resolve(origin + "zone");
    Files.writeString(zoneFile, zoneText, StandardCharsets.ISO_8859_1);
    List<String> conf =
        List.of(
            "server:",
            "  listen: 127.0.0.1@" + port,
            "  rundir: " + dir,
            "database:",
            "  storage: " + dir,
            "acl:",
            "  - id: local",
            "    address: 127.0.0.1",
            "    action: transfer",
            "template:",
            "  - id: default",
            "    zonefile-sync: -1",
            "    journal-content: none",
            "zone:",
            "  - domain: " + origin,
            "    acl: local",
            "    file: " + zoneFile);
    Files.write(dir.resolve("knot.conf"), conf);
    Process process =
        new ProcessBuilder(KNOTD.toString(), "-c", dir.resolve("knot.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("knot.log").toFile())
            .start();
    KnotDaemon knot = new KnotDaemon(process, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!knot.serving(origin)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        knot.close();
        fail("knotd did not serve the zone: " + Files.readString(dir.resolve("knot.log")));
      }
      Thread.sleep(50);
    }
    return knot;
  }

  int port() {
    return port;
  }

  /** Knot's response to {@code name type} over TCP, with EDNS and the DO bit as told. */
  Message query(String name, int type, boolean dnssecOk) throws IOException {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    resolver.setTCP(true);
    resolver.setTimeout(Duration.ofSeconds(2));
    resolver.setEDNS(0, 1232, dnssecOk ? org.xbill.DNS.ExtendedFlags.DO : 0, List.of());
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  /** Whether Knot answers the zone's SOA yet. */
  private boolean serving(String origin) {
    try {
      return query(origin, Type.SOA, false).getSection(Section.ANSWER).size() == 1;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  private static int freePort() throws IOException {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket(0)) {
        int p = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(p)) {
          return p;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free port");
  }
}
