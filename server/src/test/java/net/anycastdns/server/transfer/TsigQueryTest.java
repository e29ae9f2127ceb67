package net.anycastdns.server.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** TSIG on ordinary queries (RFC 8945 section 5): answered signed, or NOTAUTH saying why. */
class TsigQueryTest {
  @TempDir Path dir;

  private RunningServer serve() throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), Transfers.zone(1, 3));
    return RunningServer.folder(dir, Transfers.config());
  }

  private static Message query(TSIG key) {
    Message m =
        Message.newQuery(
            Record.newRecord(Name.fromConstantString("host-1.example.test."), Type.A, DClass.IN));
    if (key != null) {
      key.apply(m, null);
    }
    return m;
  }

  @Test
  void aSignedQueryGetsASignedAnswer() throws Exception {
    try (RunningServer server = serve()) {
      Message q = query(Transfers.KEY);
      byte[] wire = server.udp(q.toWire());
      Message r = new Message(wire);
      assertEquals(Rcode.NOERROR, r.getRcode());
      assertEquals(1, r.getSection(org.xbill.DNS.Section.ANSWER).size());
      assertEquals(Rcode.NOERROR, Transfers.KEY.verify(r, wire, q.getTSIG()));
    }
  }

  @Test
  void anUnknownKeyIsNotAuthBadKeyUnsigned() throws Exception {
    try (RunningServer server = serve()) {
      Message r = server.udp(query(new TSIG(TSIG.HMAC_SHA256, "nobody.", Transfers.SECRET)));
      assertEquals(Rcode.NOTAUTH, r.getRcode());
      assertNotNull(r.getTSIG());
      assertEquals(Rcode.BADKEY, r.getTSIG().getError());
      assertEquals(0, r.getTSIG().getSignature().length, "no MAC: we have no such key");
      assertEquals(Name.fromConstantString("nobody."), r.getTSIG().getName());
    }
  }

  @Test
  void aTsigRecordThatIsNotLastIsFormErr() throws Exception {
    try (RunningServer server = serve()) {
      byte[] signed = query(Transfers.KEY).toWire();
      // One more record after the TSIG: root, type A, class IN, TTL 0, 4 octets of data.
      byte[] extra = {0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, (byte) 192, 0, 2, 1};
      byte[] packet = Arrays.copyOf(signed, signed.length + extra.length);
      System.arraycopy(extra, 0, packet, signed.length, extra.length);
      packet[11]++; // ARCOUNT

      Message r = new Message(server.udp(packet));

      assertEquals(Rcode.FORMERR, r.getRcode());
    }
  }

  @Test
  void queriesWithoutTsigAreAnsweredAsEver() throws Exception {
    try (RunningServer server = serve()) {
      Message r = server.udp(query(null));
      assertEquals(Rcode.NOERROR, r.getRcode());
      assertEquals(null, r.getTSIG());
    }
  }
}
