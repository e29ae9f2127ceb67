package net.anycastdns.server.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * NOTIFY (RFC 1996) both ways: secondaries are told of each new serial, signed, again until they
 * answer; a NOTIFY sent to us is answered REFUSED or NOTAUTH, since we are no secondary.
 */
class NotifyTest {
  @TempDir Path dir;

  @Test
  void secondariesAreToldOfEveryNewSerialUntilTheyAnswer() throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), Transfers.zone(1, 3));
    try (DatagramSocket secondary = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      secondary.setSoTimeout(10_000);
      String target = "127.0.0.1:" + secondary.getLocalPort();
      try (RunningServer server =
          RunningServer.folder(
              dir,
              Transfers.config(
                  "transfer: {allow: [{from: 127.0.0.1, key: xfr-key.}], notify: [\""
                      + target
                      + "\"]}"))) {
        // At startup: the zone is new to every secondary.
        DatagramPacket first = receive(secondary);
        Message notify = new Message(Arrays.copyOf(first.getData(), first.getLength()));
        assertEquals(Opcode.NOTIFY, notify.getHeader().getOpcode());
        assertEquals(Transfers.ORIGIN, notify.getQuestion().getName());
        assertEquals(Type.SOA, notify.getQuestion().getType());
        assertEquals(1, ((SOARecord) notify.getSection(Section.ANSWER).get(0)).getSerial());
        assertNotNull(notify.getTSIG(), "signed with the key the secondary transfers with");
        assertEquals(
            Rcode.NOERROR,
            Transfers.KEY.verify(notify, Arrays.copyOf(first.getData(), first.getLength()), null));
        answer(secondary, first, notify);
        Await.value(() -> server.scrape().value("dns_notify_total", "result", "acknowledged"), 1);

        Files.writeString(dir.resolve("example.test.zone"), Transfers.zone(2, 4));
        server.sync(200);
        Message second = new Message(data(receive(secondary)));
        assertEquals(2, ((SOARecord) second.getSection(Section.ANSWER).get(0)).getSerial());
        // Unanswered: sent again, the same message.
        Message again = new Message(data(receive(secondary)));
        assertEquals(second.getHeader().getID(), again.getHeader().getID());
        assertTrue(server.scrape().value("dns_notify_resent_total") >= 1);
      }
    }
  }

  private static DatagramPacket receive(DatagramSocket s) throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
    s.receive(p);
    return p;
  }

  private static byte[] data(DatagramPacket p) {
    return Arrays.copyOf(p.getData(), p.getLength());
  }

  private static void answer(DatagramSocket s, DatagramPacket from, Message notify)
      throws Exception {
    Message response = new Message(notify.getHeader().getID());
    response.getHeader().setOpcode(Opcode.NOTIFY);
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    response.addRecord(notify.getQuestion(), Section.QUESTION);
    Transfers.KEY.apply(response, notify.getTSIG());
    byte[] wire = response.toWire();
    s.send(new DatagramPacket(wire, wire.length, from.getSocketAddress()));
  }

  @Test
  void aNotifyToUsIsRefusedForOurZonesAndNotAuthForOthers() throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), Transfers.zone(1, 3));
    try (RunningServer server = RunningServer.folder(dir)) {
      assertEquals(Rcode.REFUSED, server.udp(notify("example.test.")).getRcode());
      Message other = server.udp(notify("example.org."));
      assertEquals(Rcode.NOTAUTH, other.getRcode());
      assertEquals(Opcode.NOTIFY, other.getHeader().getOpcode());
      assertTrue(other.getHeader().getFlag(Flags.QR));
    }
  }

  private static Message notify(String zone) {
    Message m =
        Message.newQuery(Record.newRecord(Name.fromConstantString(zone), Type.SOA, DClass.IN));
    m.getHeader().setOpcode(Opcode.NOTIFY);
    m.getHeader().unsetFlag(Flags.RD);
    m.getHeader().setFlag(Flags.AA);
    return m;
  }
}
