package net.anycastdns.zones;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Compiles a checked {@link ZoneDraft} into a {@link ZoneSnapshot}: RRsets per name, empty
 * non-terminals added, cut and wildcard links set, additional-section targets resolved. All the
 * work a query would otherwise repeat is done here, once per load.
 */
public final class ZoneCompiler {
  private ZoneCompiler() {}

  /** Compiles a zone that passed {@link ZoneChecks} without errors; the draft is used up. */
  public static ZoneSnapshot compile(ZoneDraft draft) {
    ParsedRecord soaRecord =
        draft.apex().records.stream()
            .filter(r -> r.record().getType() == Type.SOA)
            .findFirst()
            .orElseThrow();
    SOARecord soa = (SOARecord) soaRecord.record();
    Map<ByteBuffer, Node> nodes = new HashMap<>(draft.owners.size() * 2);
    int count = 0;
    for (ZoneDraft.Owner owner : draft.owners.values()) {
      Node n = new Node(owner.name);
      nodes.put(ByteBuffer.wrap(owner.name), n);
      n.rrsets = toRRsets(owner);
      // The draft is used up here: dropping each owner's parsed records as soon as they are
      // compiled lets a large zone load in little more memory than its compiled form.
      owner.records.clear();
      for (RRset r : n.rrsets) {
        count += r.size();
      }
    }
    Node apex = nodes.get(ByteBuffer.wrap(draft.apexName));
    linkAncestors(nodes, draft.apexName);
    Node[] byDepth = nodes.values().toArray(new Node[0]);
    Arrays.sort(byDepth, Comparator.comparingInt(n -> n.name().length));
    if (apex.rrset(Type.DNAME) != null) {
      // RFC 6672 section 2.3 allows a DNAME at the apex: it redirects every name below it.
      apex.flags |= Node.DNAME;
      apex.cut = apex;
    }
    for (Node n : byDepth) {
      if (n == apex) {
        continue;
      }
      if (n.rrset(Type.NS) != null) {
        n.flags |= Node.DELEGATION;
      }
      if (n.rrset(Type.DNAME) != null) {
        n.flags |= Node.DNAME;
      }
      // Parents are shorter, so they are done first: the topmost cut is inherited downwards.
      Node above = n.parent.cut;
      n.cut = above != null ? above : ((n.flags & (Node.DELEGATION | Node.DNAME)) != 0 ? n : null);
      if (n.name()[0] == 1 && n.name()[1] == '*') {
        n.parent.wildcard = n;
      }
    }
    // A zone that arrived signed: RRSIGs join the RRsets they cover, the NSEC or NSEC3 chain is
    // indexed, and NSEC3 owners are no names of the zone (RFC 5155 section 7.2.9).
    SignedZone signed = SignedZoneCompiler.compile(apex, byDepth);
    NameTable.Builder<Node> table = new NameTable.Builder<>(byDepth.length);
    for (Node n : byDepth) {
      if ((n.flags & Node.NSEC3_OWNER) == 0) {
        table.put(n.name(), n);
      }
    }
    NameTable<Node> nameTable = table.build();
    for (Node n : byDepth) {
      for (RRset rrset : n.rrsets) {
        linkAdditional(rrset, nameTable, draft.apexName);
      }
    }
    return new ZoneSnapshot(
        draft.origin,
        apex,
        nameTable,
        apex.rrset(Type.SOA),
        soa.getSerial(),
        soaRecord.line(),
        soa.getMinimum(),
        count,
        draft.file,
        signed);
  }

  /** The owner's records as RRsets in ascending type order, duplicates dropped (RFC 2181 5). */
  private static RRset[] toRRsets(ZoneDraft.Owner owner) {
    List<ParsedRecord> records = owner.records;
    if (records.size() == 1) {
      return new RRset[] {toRRset(owner.name, List.of(records.get(0).record()))};
    }
    Map<Integer, List<Record>> byType = new HashMap<>();
    for (ParsedRecord p : records) {
      List<Record> rrs = byType.computeIfAbsent(p.record().getType(), k -> new ArrayList<>(2));
      if (!rrs.contains(p.record())) {
        rrs.add(p.record());
      }
    }
    RRset[] out = new RRset[byType.size()];
    int i = 0;
    for (List<Record> rrs : byType.values()) {
      out[i++] = toRRset(owner.name, rrs);
    }
    Arrays.sort(out, Comparator.comparingInt(RRset::type));
    return out;
  }

  /** Creates the empty non-terminals between every name and the apex, and sets parents. */
  private static void linkAncestors(Map<ByteBuffer, Node> nodes, byte[] apexName) {
    for (Node n : new ArrayList<>(nodes.values())) {
      Node child = n;
      while (child.parent == null && child.name().length > apexName.length) {
        byte[] name = child.name();
        byte[] parentName = Arrays.copyOfRange(name, WireName.nextLabel(name, 0), name.length);
        Node parent = nodes.get(ByteBuffer.wrap(parentName));
        boolean existed = parent != null;
        if (!existed) {
          parent = new Node(parentName);
          nodes.put(ByteBuffer.wrap(parentName), parent);
        }
        child.parent = parent;
        if (existed) {
          break; // its own ancestors are linked, or will be when the loop reaches it
        }
        child = parent;
      }
    }
  }

  private static RRset toRRset(byte[] owner, List<Record> rrs) {
    byte[][] rdata = new byte[rrs.size()][];
    for (int i = 0; i < rdata.length; i++) {
      Record r = rrs.get(i);
      byte[] wire = r.toWire(Section.ANSWER);
      rdata[i] = Arrays.copyOfRange(wire, r.getName().length() + 10, wire.length);
    }
    // RFC 2181 section 5.2: one TTL per RRset; the first record's, as Knot does.
    return new RRset(owner, rrs.get(0).getType(), rrs.get(0).getTTL(), rdata);
  }

  /** Resolves the additional-section data of NS, MX and SRV RRsets (RFC 1035 section 3.3). */
  private static void linkAdditional(RRset rrset, NameTable<Node> table, byte[] apexName) {
    int targetOffset;
    switch (rrset.type()) {
      case Type.NS -> targetOffset = 0;
      case Type.MX -> targetOffset = 2;
      case Type.SRV -> targetOffset = 6;
      default -> {
        return;
      }
    }
    List<Node> targets = new ArrayList<>();
    for (int i = 0; i < rrset.size(); i++) {
      byte[] rd = rrset.rdata(i);
      byte[] target = WireName.lowerCopy(Arrays.copyOfRange(rd, targetOffset, rd.length));
      if (!WireName.isSubdomain(target, apexName)) {
        continue;
      }
      Node t = table.get(target, 0);
      // Glue below a cut belongs in referrals only; other answers carry authoritative data.
      if (t != null && !targets.contains(t) && (rrset.type() == Type.NS || !t.isOccluded())) {
        targets.add(t);
      }
    }
    List<RRset> additional = new ArrayList<>();
    for (int type : new int[] {Type.A, Type.AAAA}) {
      for (Node t : targets) {
        RRset a = t.rrset(type);
        if (a != null) {
          additional.add(a);
        }
      }
    }
    rrset.setAdditional(additional);
  }
}
