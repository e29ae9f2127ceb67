package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Writes a compiled zone back as a master file (RFC 1035 section 5), exactly the records it serves:
 * for a zone signed here, its DNSKEY, RRSIG, NSEC or NSEC3 records as signing made them. Names in
 * canonical order (RFC 4034 section 6.1), the SOA first, each RRset followed by its RRSIGs, NSEC3
 * records last; for {@code sign}, and for anyone who wants to see or archive what is served.
 */
public final class ZoneWriter {
  private ZoneWriter() {}

  /** The zone as master-file text, one record per line with absolute names. */
  public static String write(ZoneSnapshot zone) {
    List<Node> nodes = new ArrayList<>();
    zone.forEachNode(nodes::add);
    nodes.sort((a, b) -> WireName.compareCanonical(a.name(), 0, b.name(), 0));
    StringBuilder out = new StringBuilder();
    Node apex = zone.apex();
    out.append("; zone ").append(zone.origin()).append(" serial ").append(zone.serial());
    out.append('\n');
    append(out, apex.rrset(Type.SOA));
    for (Node n : nodes) {
      for (RRset r : n.rrsets()) {
        if (n != apex || r.type() != Type.SOA) {
          append(out, r);
        }
      }
    }
    SignedZone signed = zone.dnssec();
    Nsec3Chain chain = signed == null ? null : signed.nsec3();
    for (int i = 0; chain != null && i < chain.size(); i++) {
      append(out, chain.record(i));
    }
    return out.toString();
  }

  private static void append(StringBuilder out, RRset r) {
    Name owner = WireName.toName(r.owner());
    for (int i = 0; i < r.size(); i++) {
      out.append(Record.newRecord(owner, r.type(), DClass.IN, r.ttl(), r.rdata(i))).append('\n');
    }
    for (int i = 0; i < r.signatureCount(); i++) {
      out.append(Record.newRecord(owner, Type.RRSIG, DClass.IN, r.ttl(), r.signature(i)))
          .append('\n');
    }
  }
}
