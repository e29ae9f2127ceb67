package net.anycastdns.server.transfer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.anycastdns.server.testing.DnsClient;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** What the transfer tests share: the key, the configuration, a zone, and a raw transfer reader. */
final class Transfers {
  static final String SECRET =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  static final Name ORIGIN = Name.fromConstantString("example.test.");
  static final TSIG KEY = new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("xfr-key."), SECRET);

  /** The configuration lines: the key, and transfers from 127.0.0.1 signed with it. */
  static String[] config(String... more) {
    List<String> lines = new ArrayList<>();
    lines.add("tsig-keys: [{name: xfr-key., algorithm: hmac-sha256, secret: \"" + SECRET + "\"}]");
    lines.addAll(List.of(more));
    if (lines.stream().noneMatch(l -> l.startsWith("transfer:"))) {
      lines.add("transfer: {allow: [{from: 127.0.0.1, key: xfr-key.}]}");
    }
    return lines.toArray(new String[0]);
  }

  /** Zone example.test. at {@code serial} with {@code hosts} names of one A record each. */
  static String zone(long serial, int hosts) {
    StringBuilder z =
        new StringBuilder("$ORIGIN example.test.\n$TTL 300\n")
            .append("@ IN SOA ns1 hostmaster ")
            .append(serial)
            .append(" 3600 900 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n");
    for (int i = 0; i < hosts; i++) {
      z.append("host-").append(i).append(" IN A 10.0.").append(i / 256).append('.');
      z.append(i % 256).append('\n');
    }
    return z.toString();
  }

  /** A request for the zone of type {@code type}, signed with {@code key} unless null. */
  static Message request(int type, TSIG key) {
    Message m = Message.newQuery(Record.newRecord(ORIGIN, type, DClass.IN));
    if (key != null) {
      key.apply(m, null);
    }
    return m;
  }

  /** Sends {@code request} over TCP and reads messages until the transfer's closing SOA. */
  static List<byte[]> axfrMessages(InetSocketAddress server, Message request) throws IOException {
    return axfrMessages(server, request, null);
  }

  /**
   * The messages of an AXFR, and then the answer to {@code after}, a query sent on the same
   * connection in the same write as the AXFR request (when not null).
   */
  static List<byte[]> axfrMessages(InetSocketAddress server, Message request, Message after)
      throws IOException {
    List<byte[]> messages = new ArrayList<>();
    try (Socket s = new Socket()) {
      s.connect(server, DnsClient.TIMEOUT_MS);
      s.setSoTimeout(DnsClient.TIMEOUT_MS);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      for (Message m : after == null ? List.of(request) : List.of(request, after)) {
        byte[] wire = m.toWire();
        out.writeShort(wire.length);
        out.write(wire);
      }
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int soas = 0;
      while (soas < 2) {
        byte[] m = new byte[in.readUnsignedShort()];
        in.readFully(m);
        messages.add(m);
        Message parsed = new Message(m);
        if (parsed.getRcode() != 0) {
          break;
        }
        for (Record r : parsed.getSection(Section.ANSWER)) {
          if (r.getType() == Type.SOA) {
            soas++;
          }
        }
      }
      if (after != null) {
        byte[] m = new byte[in.readUnsignedShort()];
        in.readFully(m);
        messages.add(m);
      }
    }
    return messages;
  }

  private Transfers() {}
}
