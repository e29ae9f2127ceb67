package net.anycastdns.server.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * AXFR and IXFR against the real server: the zone whole, SOA first and last, over several messages
 * each signed as RFC 8945 section 5.3.1 asks; IXFR from the revisions served.
 */
class TransferEndToEndTest {
  @TempDir Path dir;

  private RunningServer serve(long serial, int hosts, String... config) throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), Transfers.zone(serial, hosts));
    return RunningServer.folder(dir, Transfers.config(config));
  }

  @Test
  void axfrSendsTheWholeZoneBetweenTwoSoas() throws Exception {
    try (RunningServer server = serve(7, 3000)) {
      ZoneTransferIn xfr =
          ZoneTransferIn.newAXFR(Transfers.ORIGIN, server.dnsAddress(), Transfers.KEY);
      xfr.run();

      List<Record> records = xfr.getAXFR();
      assertEquals(Type.SOA, records.get(0).getType());
      assertEquals(Type.SOA, records.get(records.size() - 1).getType());
      // SOA twice, NS, ns1's A, and the hosts.
      assertEquals(3000 + 4, records.size());
      assertEquals(3000 + 1, records.stream().filter(r -> r instanceof ARecord).count());
    }
  }

  /**
   * A signed zone (the conformance kit's example.test., NSEC3, Ed25519) goes whole: its RRSIG,
   * NSEC3 and NSEC3PARAM records with the rest, each record of the file once.
   */
  @Test
  void aSignedZoneGoesWithItsDnssecRecords() throws Exception {
    Path file = dir.resolve("example.test.zone");
    try (java.io.InputStream in = getClass().getResourceAsStream("/signed/example.test.zone")) {
      Files.copy(in, file);
    }
    Set<String> expected = new TreeSet<>();
    try (Master m = new Master(file.toString(), Transfers.ORIGIN)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        expected.add(canonical(r));
      }
    }
    try (RunningServer server = RunningServer.folder(dir, Transfers.config())) {
      ZoneTransferIn xfr =
          ZoneTransferIn.newAXFR(Transfers.ORIGIN, server.dnsAddress(), Transfers.KEY);
      xfr.run();
      List<Record> records = xfr.getAXFR();
      Set<String> got = new TreeSet<>();
      for (Record r : records.subList(1, records.size())) {
        got.add(canonical(r));
      }
      assertTrue(expected.stream().anyMatch(r -> r.contains("\tnsec3\t")), "the zone has NSEC3");
      assertEquals(expected, got);
      assertEquals(expected.size(), records.size() - 1, "each record once, SOA twice");
    }
  }

  /**
   * A record in presentation form, lowercase; an RRSIG with the TTL of the RRset it covers, as the
   * signer wrote it (RFC 4034 section 3).
   */
  private static String canonical(Record r) {
    return r.toString().toLowerCase(Locale.ROOT);
  }

  @Test
  void everyMessageIsSignedInAChain() throws Exception {
    try (RunningServer server = serve(7, 6000)) {
      Message request = Transfers.request(Type.AXFR, Transfers.KEY);
      List<byte[]> messages = Transfers.axfrMessages(server.dnsAddress(), request);

      assertTrue(messages.size() >= 2, messages.size() + " messages");
      TSIG.StreamVerifier verifier = new TSIG.StreamVerifier(Transfers.KEY, request.getTSIG());
      for (int i = 0; i < messages.size(); i++) {
        byte[] wire = messages.get(i);
        Message m = new Message(wire);
        assertNotNull(m.getTSIG(), "message " + i + " is signed");
        assertTrue(wire.length <= 65_535);
        assertEquals(
            Rcode.NOERROR, verifier.verify(m, wire, i == messages.size() - 1), "message " + i);
      }
    }
  }

  @Test
  void ixfrSendsTheDifferencesFromTheServedRevisions() throws Exception {
    try (RunningServer server = serve(1, 10)) {
      Files.writeString(dir.resolve("example.test.zone"), Transfers.zone(2, 12));
      server.sync(200);
      Files.writeString(
          dir.resolve("example.test.zone"),
          Transfers.zone(3, 12).replace("10.0.0.5\n", "10.9.9.9\n"));
      server.sync(200);

      ZoneTransferIn xfr =
          ZoneTransferIn.newIXFR(Transfers.ORIGIN, 1, false, server.dnsAddress(), Transfers.KEY);
      xfr.run();

      assertTrue(xfr.isIXFR(), "differences, not the whole zone");
      List<ZoneTransferIn.Delta> deltas = xfr.getIXFR();
      assertEquals(2, deltas.size());
      assertEquals(1, deltas.get(0).start);
      assertEquals(2, deltas.get(0).end);
      // Each delta lists the SOAs too: 1 -> 2 adds host-10 and host-11.
      assertEquals(2 + 1, deltas.get(0).adds.size());
      assertEquals(1, deltas.get(0).deletes.size());
      assertEquals("10.9.9.9", ((ARecord) deltas.get(1).adds.get(1)).getAddress().getHostAddress());
    }
  }

  @Test
  void ixfrFromACurrentOrUnknownSerial() throws Exception {
    try (RunningServer server = serve(5, 10)) {
      ZoneTransferIn current =
          ZoneTransferIn.newIXFR(Transfers.ORIGIN, 5, false, server.dnsAddress(), Transfers.KEY);
      current.run();
      assertTrue(current.isCurrent());

      ZoneTransferIn unknown =
          ZoneTransferIn.newIXFR(Transfers.ORIGIN, 3, false, server.dnsAddress(), Transfers.KEY);
      unknown.run();
      assertTrue(unknown.isAXFR(), "a serial not in the history gets the whole zone");
      assertEquals(10 + 4, unknown.getAXFR().size());
    }
  }

  /**
   * A query pipelined behind an AXFR on one connection waits until the transfer is sent, then is
   * answered (RFC 7766 section 6.2.1.1 lets answers come in any order; ours keep the order).
   */
  @Test
  void aQueryAfterATransferOnTheConnectionIsAnsweredAfterIt() throws Exception {
    try (RunningServer server = serve(7, 6000)) {
      Message query =
          Message.newQuery(
              Record.newRecord(
                  org.xbill.DNS.Name.fromConstantString("host-1.example.test."),
                  Type.A,
                  org.xbill.DNS.DClass.IN));
      List<byte[]> messages =
          Transfers.axfrMessages(
              server.dnsAddress(), Transfers.request(Type.AXFR, Transfers.KEY), query);

      assertTrue(messages.size() >= 3, messages.size() + " messages");
      Message last = new Message(messages.get(messages.size() - 1));
      assertEquals(query.getHeader().getID(), last.getHeader().getID());
      assertEquals(Type.A, last.getSection(Section.ANSWER).get(0).getType());
      Message transferEnd = new Message(messages.get(messages.size() - 2));
      List<Record> answer = transferEnd.getSection(Section.ANSWER);
      assertEquals(Type.SOA, answer.get(answer.size() - 1).getType(), "the transfer came first");
    }
  }

  @Test
  void ixfrOverUdpGetsOurSoaAlone() throws Exception {
    try (RunningServer server = serve(5, 10)) {
      Message r = server.udp(Transfers.request(Type.IXFR, Transfers.KEY));
      assertEquals(Rcode.NOERROR, r.getRcode());
      assertEquals(1, r.getSection(Section.ANSWER).size());
      assertEquals(Type.SOA, r.getSection(Section.ANSWER).get(0).getType());
      assertNotNull(r.getTSIG(), "signed, as the request was");
    }
  }

  @Test
  void refusedWithoutTheRightAddressKeyOrTransport() throws Exception {
    try (RunningServer server = serve(5, 10)) {
      assertEquals(
          Rcode.REFUSED, server.tcp(Transfers.request(Type.AXFR, null)).getRcode(), "unsigned");
      assertEquals(
          Rcode.REFUSED,
          server.udp(Transfers.request(Type.AXFR, Transfers.KEY)).getRcode(),
          "AXFR over UDP");
    }
    try (RunningServer server =
        serve(5, 10, "transfer: {allow: [{from: 127.0.0.2}, {from: 127.0.0.1, key: xfr-key.}]}")) {
      ZoneTransferIn other = ZoneTransferIn.newAXFR(Transfers.ORIGIN, server.dnsAddress(), null);
      other.setLocalAddress(new java.net.InetSocketAddress("127.0.0.2", 0));
      other.run();
      assertEquals(10 + 4, other.getAXFR().size(), "127.0.0.2 needs no key");
    }
  }

  @Test
  void badKeysGetTheirTsigErrors() throws Exception {
    try (RunningServer server = serve(5, 10)) {
      assertTsigError(
          server, new TSIG(TSIG.HMAC_SHA256, "other-key.", Transfers.SECRET), Rcode.BADKEY);
      assertTsigError(
          server,
          new TSIG(TSIG.HMAC_SHA512, "xfr-key.", Transfers.SECRET),
          Rcode.BADKEY); // another algorithm
      assertTsigError(
          server, new TSIG(TSIG.HMAC_SHA256, "xfr-key.", "c2VjcmV0c2VjcmV0"), Rcode.BADSIG);
      TSIG late =
          new TSIG(
              TSIG.HMAC_SHA256,
              org.xbill.DNS.Name.fromConstantString("xfr-key."),
              new javax.crypto.spec.SecretKeySpec(
                  java.util.Base64.getDecoder().decode(Transfers.SECRET), "HmacSHA256"),
              java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(1)));
      assertTsigError(server, late, Rcode.BADTIME);
    }
  }

  private static void assertTsigError(RunningServer server, TSIG key, int error) throws Exception {
    Message r = server.tcp(Transfers.request(Type.AXFR, key));
    assertEquals(Rcode.NOTAUTH, r.getRcode(), Rcode.TSIGstring(error));
    TSIGRecord t = r.getTSIG();
    assertNotNull(t, "a TSIG record says why");
    assertEquals(error, t.getError());
    assertEquals(error == Rcode.BADTIME ? 32 : 0, t.getSignature().length);
  }

  @Test
  void aNameBelowTheApexIsNotAuth() throws Exception {
    try (RunningServer server = serve(5, 10)) {
      Message m =
          Message.newQuery(
              Record.newRecord(
                  org.xbill.DNS.Name.fromConstantString("host-1.example.test."),
                  Type.AXFR,
                  org.xbill.DNS.DClass.IN));
      Transfers.KEY.apply(m, null);
      assertEquals(Rcode.NOTAUTH, server.tcp(m).getRcode());
    }
  }
}
