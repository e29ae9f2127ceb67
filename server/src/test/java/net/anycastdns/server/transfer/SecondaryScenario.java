package net.anycastdns.server.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.RunningServer;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * What each real secondary goes through, the same for Knot, NSD and BIND: our server is its
 * TSIG-authenticated primary for {@code example.test.}, and for {@code other.test.} with a key
 * whose secret the secondary has wrong.
 *
 * <ol>
 *   <li>After its first transfer it holds exactly our zone (its AXFR equals ours).
 *   <li>After a change and a reload, our NOTIFY makes it transfer within a few seconds.
 *   <li>The zone with the wrong secret is refused: NOTAUTH with BADSIG, which it reports.
 * </ol>
 */
final class SecondaryScenario {
  static final Name ZONE = Name.fromConstantString("example.test.");
  static final Name OTHER = Name.fromConstantString("other.test.");
  static final String OTHER_SECRET = Transfers.SECRET;

  /** The secret the secondary is given for other-key.: not ours. */
  static final String WRONG_SECRET = "d3Jvbmd3cm9uZ3dyb25nd3Jvbmd3cm9uZ3dyb25nIQ==";

  /** How a daemon is configured and started, given the primary's port. */
  interface Daemon {
    void start(Secondary s, int primaryPort) throws IOException;
  }

  final Path dir;
  final Path zones;
  final Path config;
  final Secondary secondary;
  RunningServer server;

  SecondaryScenario(Path dir, Secondary secondary) throws IOException {
    this.dir = dir;
    this.secondary = secondary;
    this.zones = Files.createDirectories(dir.resolve("primary"));
    this.config = dir.resolve("primary.yaml");
  }

  /** Starts our server and the secondary, and waits for its first transfer. */
  void start(Daemon daemon) throws Exception {
    Files.writeString(zones.resolve("example.test.zone"), Transfers.zone(2026010101, 200));
    Files.writeString(
        zones.resolve("other.test.zone"),
        Transfers.zone(1, 3).replace("example.test.", "other.test."));
    Files.writeString(
        config,
        String.join(
            "\n",
            "zones: " + zones,
            "listen: [\"127.0.0.1:0\"]",
            "http: 127.0.0.1:0",
            "threads: 1",
            "tsig-keys:",
            "  - {name: xfr-key., algorithm: hmac-sha256, secret: \"" + Transfers.SECRET + "\"}",
            "  - {name: other-key., algorithm: hmac-sha256, secret: \"" + OTHER_SECRET + "\"}",
            "transfer:",
            "  allow: [{from: 127.0.0.1, key: xfr-key.}]",
            "  notify: [\"127.0.0.1:" + secondary.port + "\"]",
            "zone-settings:",
            "  other.test.: {transfer: {allow: [{from: 127.0.0.1, key: other-key.}]}}",
            ""));
    server = RunningServer.configFile(config);
    daemon.start(secondary, server.dnsAddress().getPort());
    Await.until(
        secondary.name + " holds serial 2026010101", () -> secondary.serial(ZONE) == 2026010101);
  }

  /** Step 1: the secondary's AXFR of the zone equals ours, record for record. */
  void holdsExactlyOurZone() throws Exception {
    assertEquals(
        axfr(ZoneTransferIn.newAXFR(ZONE, server.dnsAddress(), Transfers.KEY)),
        axfr(ZoneTransferIn.newAXFR(ZONE, secondary.address(), null)),
        secondary.name + "'s copy");
  }

  /** Step 2: a change, a reload; returns how long until the secondary answered the new serial. */
  long followsAChange() throws Exception {
    String v2 =
        Transfers.zone(2026010102, 201).replace("host-7 IN A 10.0.0.7", "host-7 IN A 10.7.7.7");
    Files.writeString(zones.resolve("example.test.zone"), v2);
    long start = System.nanoTime();
    server.sync(200);
    Await.until(
        secondary.name + " holds serial 2026010102", () -> secondary.serial(ZONE) == 2026010102);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 10_000, secondary.name + " took " + ms + " ms");
    holdsExactlyOurZone();
    return ms;
  }

  /** The change went by IXFR with differences, as our own count says. */
  void tookDifferences() throws Exception {
    assertEquals(
        1, server.scrape().value("dns_transfers_incremental_total"), "IXFRs with differences");
  }

  /** Step 3: the zone whose key the secondary has wrong is refused with BADSIG. */
  void theWrongKeyIsRefused() throws Exception {
    Await.until(
        "BADSIG for other.test. in our metrics",
        () -> server.scrape().value("dns_tsig_errors_total") >= 1);
    assertEquals(-1, secondary.serial(OTHER), secondary.name + " has no other.test.");
  }

  private static TreeSet<String> axfr(ZoneTransferIn xfr)
      throws IOException, ZoneTransferException {
    xfr.run();
    TreeSet<String> records = new TreeSet<>();
    for (Record r : xfr.getAXFR()) {
      records.add(r.toString().toLowerCase(Locale.ROOT));
    }
    return records;
  }

  void close() throws Exception {
    secondary.close();
    if (server != null) {
      server.close();
    }
  }
}
