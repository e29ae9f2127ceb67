package net.anycastdns.server;

import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/** Builds queries with dnsjava: RD clear unless asked for, so every flag a test sees is its own. */
public final class Queries {
  private Queries() {}

  public static Message query(String name, int type) {
    return query(name, type, DClass.IN);
  }

  public static Message query(String name, int type, int dclass) {
    Message m = Message.newQuery(Record.newRecord(name(name), type, dclass));
    m.getHeader().unsetFlag(Flags.RD);
    return m;
  }

  /** Adds an OPT record: payload size, DO bit and options, EDNS version 0. */
  public static Message edns(Message m, int payloadSize, boolean dnssecOk, EDNSOption... options) {
    return edns(m, payloadSize, 0, dnssecOk, options);
  }

  public static Message edns(
      Message m, int payloadSize, int version, boolean dnssecOk, EDNSOption... options) {
    m.addRecord(
        new OPTRecord(payloadSize, 0, version, dnssecOk ? ExtendedFlags.DO : 0, List.of(options)),
        Section.ADDITIONAL);
    return m;
  }

  public static Message withId(Message m, int id) {
    m.getHeader().setID(id);
    return m;
  }

  public static Message withFlag(Message m, int flag) {
    m.getHeader().setFlag(flag);
    return m;
  }

  public static Name name(String s) {
    try {
      return Name.fromString(s);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
