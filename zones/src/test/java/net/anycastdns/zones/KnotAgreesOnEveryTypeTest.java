package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The zone holding one record of every type Knot DNS parses ({@link EveryKnotType}), served by
 * Debian's {@code knotd}: the record data Knot answers for each name and type must be, octet for
 * octet, the data this server compiled. Skipped with a message where {@code knotd} is missing;
 * under {@code CI=true} that is a failure.
 */
class KnotAgreesOnEveryTypeTest {
  @TempDir static Path dir;
  private static KnotDaemon knot;

  @BeforeAll
  static void startKnot() throws Exception {
    knot =
        KnotDaemon.serve(
            "KnotAgreesOnEveryTypeTest", dir, "example.org.", EveryKnotType.zoneForKnot());
  }

  @AfterAll
  static void stopKnot() throws InterruptedException {
    if (knot != null) {
      knot.close();
    }
  }

  @Test
  void everyTypeIsAnsweredWithTheSameOctets() throws IOException {
    ZoneSnapshot ours = TestZones.compile("example.org.", EveryKnotType.zone());
    List<Record> transferred = transfer();
    List<String> differences = new ArrayList<>();
    for (EveryKnotType.Row row : EveryKnotType.ROWS) {
      String owner = row.owner() + ".example.org.";
      int type =
          RecordTypes.value(
              row.type().getBytes(StandardCharsets.US_ASCII), 0, row.type().length(), false);
      RRset rrset = ours.find(WireName.of(owner), 0).rrset(type);
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < rrset.size(); i++) {
        mine.add(canonicalHex(owner, type, rrset.rdata(i)));
      }
      List<String> theirs = new ArrayList<>();
      for (Record r : transferred) {
        if (r.getType() == type && r.getName().equals(Name.fromString(owner))) {
          theirs.add(HexFormat.of().formatHex(r.rdataToWireCanonical()));
        }
      }
      if (!mine.equals(theirs)) {
        differences.add(row.type() + ": ours " + mine + ", knot " + theirs);
      }
    }
    assertEquals(List.of(), differences);
  }

  /** Record data in canonical form (RFC 4034 section 6.2: names in it lowercase) as hex. */
  private static String canonicalHex(String owner, int type, byte[] rdata) throws IOException {
    Record r = Record.newRecord(Name.fromString(owner), type, DClass.IN, 0, rdata);
    return HexFormat.of().formatHex(r.rdataToWireCanonical());
  }

  /**
   * The whole zone as Knot serves it, by AXFR: every record, also those no query reaches (an NSEC3
   * owner is answered as if it did not exist, RFC 5155 section 7.2.9).
   */
  private static List<Record> transfer() throws IOException {
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(
            Name.fromString("example.org."), new InetSocketAddress("127.0.0.1", knot.port()), null);
    axfr.setTimeout(Duration.ofSeconds(10));
    try {
      axfr.run();
    } catch (org.xbill.DNS.ZoneTransferException e) {
      throw new IOException(e);
    }
    return axfr.getAXFR();
  }
}
