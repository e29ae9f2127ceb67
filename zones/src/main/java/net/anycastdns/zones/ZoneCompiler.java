package net.anycastdns.zones;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Compiles checked records into a {@link ZoneSnapshot}: RRsets grouped per name, empty
 * non-terminals added, cut and wildcard links set, additional-section targets resolved. All the
 * work a query would otherwise repeat is done here, once per load.
 */
public final class ZoneCompiler {
  private ZoneCompiler() {}

  /** Compiles the records of zone {@code origin}; the records must have passed {@link ZoneChecks}. */
  public static ZoneSnapshot compile(String file, Name origin, List<ParsedRecord> records) {
    byte[] apexName = WireName.of(origin);
    Map<ByteBuffer, Node> nodes = new HashMap<>(records.size() * 2);
    Map<Node, Map<Integer, List<Record>>> data = new LinkedHashMap<>();
    Node apex = node(nodes, apexName);
    int count = 0;
    for (ParsedRecord pr : records) {
      Record r = pr.record();
      Node n = node(nodes, WireName.of(r.getName()));
      List<Record> rrs = data.computeIfAbsent(n, k -> new HashMap<>(4))
          .computeIfAbsent(r.getType(), k -> new ArrayList<>(2));
      if (!containsSameData(rrs, r)) { // RFC 2181 section 5: duplicate records are one record
        rrs.add(r);
        count++;
      }
    }
    for (Map.Entry<Node, Map<Integer, List<Record>>> e : data.entrySet()) {
      Node n = e.getKey();
      List<RRset> sets = new ArrayList<>(e.getValue().size());
      for (List<Record> rrs : e.getValue().values()) {
        sets.add(toRRset(n.name(), rrs));
      }
      sets.sort(Comparator.comparingInt(RRset::type));
      n.rrsets = sets.toArray(new RRset[0]);
      if (n != apex && n.rrset(Type.NS) != null) {
        n.flags |= Node.DELEGATION;
      }
      if (n.rrset(Type.DNAME) != null) {
        n.flags |= Node.DNAME;
      }
    }
    linkAncestors(nodes, apexName);
    Node[] byDepth = nodes.values().toArray(new Node[0]);
    Arrays.sort(byDepth, Comparator.comparingInt(n -> n.name().length));
    for (Node n : byDepth) {
      // Parents are shorter, so they are done first: cut inherits downwards.
      if (n == apex) {
        continue;
      }
      Node above = n.parent.cut;
      n.cut = above != null ? above : ((n.flags & (Node.DELEGATION | Node.DNAME)) != 0 ? n : null);
      if (n.name()[0] == 1 && n.name()[1] == '*') {
        n.parent.wildcard = n;
      }
    }
    NameTable.Builder<Node> table = new NameTable.Builder<>();
    for (Node n : byDepth) {
      table.put(n.name(), n);
    }
    NameTable<Node> nameTable = table.build();
    for (Node n : byDepth) {
      for (RRset rrset : n.rrsets) {
        linkAdditional(rrset, nameTable, apexName);
      }
    }
    RRset soa = apex.rrset(Type.SOA);
    SOARecord soaRecord = (SOARecord) data.get(apex).get(Type.SOA).get(0);
    return new ZoneSnapshot(origin, apex, nameTable, soa, soaRecord.getSerial(),
        soaRecord.getMinimum(), count, file);
  }

  private static Node node(Map<ByteBuffer, Node> nodes, byte[] name) {
    return nodes.computeIfAbsent(ByteBuffer.wrap(name), k -> new Node(name));
  }

  /** Creates the empty non-terminals between every name and the apex, and sets parents. */
  private static void linkAncestors(Map<ByteBuffer, Node> nodes, byte[] apexName) {
    List<Node> todo = new ArrayList<>(nodes.values());
    for (Node n : todo) {
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
        child = parent;
        if (existed && parent.parent != null) {
          break;
        }
      }
    }
  }

  private static boolean containsSameData(List<Record> rrs, Record r) {
    for (Record o : rrs) {
      if (o.equals(r)) {
        return true;
      }
    }
    return false;
  }

  private static RRset toRRset(byte[] owner, List<Record> rrs) {
    byte[][] rdata = new byte[rrs.size()][];
    for (int i = 0; i < rdata.length; i++) {
      Record r = rrs.get(i);
      byte[] wire = r.toWire(Section.ANSWER);
      int start = r.getName().length() + 10;
      rdata[i] = Arrays.copyOfRange(wire, start, wire.length);
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
