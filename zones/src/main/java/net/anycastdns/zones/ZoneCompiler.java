package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Compiles a checked {@link ZoneDraft} into a {@link ZoneSnapshot}: RRsets per name, empty
 * non-terminals added, cut and wildcard links set, additional-section targets resolved. All the
 * work a query would otherwise repeat is done here, once per load.
 */
public final class ZoneCompiler {
  private ZoneCompiler() {}

  /** Below this many names one thread compiles faster than several would start. */
  private static final int PARALLEL_FROM = 50_000;

  /** Compiles a zone that passed {@link ZoneChecks} without errors; the draft is used up. */
  public static ZoneSnapshot compile(ZoneDraft draft) {
    try {
      return compile(draft, null);
    } catch (ZoneSigner.SigningException e) {
      throw new IllegalStateException("nothing is signed without keys", e);
    }
  }

  /**
   * Compiles a zone as {@link #compile(ZoneDraft)} does, and signs it with {@code signing} unless
   * that is null or the zone arrived signed (a DNSKEY and RRSIGs at the apex): such a zone is
   * served as it came.
   */
  static ZoneSnapshot compile(ZoneDraft draft, ZoneSigning signing)
      throws ZoneSigner.SigningException {
    ScannedRecords records = draft.records;
    int apexOwner = draft.apex();
    int soaRecord = draft.first(apexOwner);
    while (records.type(soaRecord) != Type.SOA) {
      soaRecord = draft.next(soaRecord);
    }
    int apexNode = draft.apex();
    boolean arrivedSigned = draft.has(apexNode, Type.DNSKEY) && draft.has(apexNode, Type.RRSIG);
    boolean signHere = signing != null && !arrivedSigned;
    if (signHere) {
      // GeoDNS names become names of the zone (nodes without RRsets), so that the chain proves
      // they exist and which types they answer.
      for (ZoneSigning.GeoName g : signing.geoNames()) {
        byte[] w = WireName.of(g.name());
        if (WireName.isSubdomain(w, draft.apexName)) {
          draft.ownerOf(w, 0, w.length, true);
        }
      }
    }
    int named = draft.owners();
    Node[] nodes = new Node[named + named / 4 + 16];
    int count = makeNodes(draft, nodes, named);
    Node apex = nodes[apexOwner];
    nodes = linkAncestors(draft, nodes, named);
    int total = draft.owners();
    Node[] byDepth = byDepth(nodes, total);
    markCuts(apex, byDepth);
    byte[] rd = records.rdata();
    int soaEnd = records.rdataEnd(soaRecord);
    long fileSerial = u32(rd, soaEnd - 20);
    long minimum = u32(rd, soaEnd - 4);
    long serial = fileSerial;
    Node[] signedNodes = byDepth;
    OnlineSigning online = null;
    if (signHere) {
      markGeoNames(draft, nodes, signing);
      long negativeTtl = Math.min(apex.rrset(Type.SOA).ttl(), minimum);
      ZoneSigner.Signed s = ZoneSigner.sign(apex, byDepth, signing, fileSerial, negativeTtl);
      signedNodes = Arrays.copyOf(byDepth, byDepth.length + s.nsec3Owners().size());
      for (int i = 0; i < s.nsec3Owners().size(); i++) {
        signedNodes[byDepth.length + i] = s.nsec3Owners().get(i);
      }
      online = s.online();
      serial = s.servedSerial();
    }
    // A signed zone: RRSIGs join the RRsets they cover, the NSEC or NSEC3 chain is indexed, and
    // NSEC3 owners are no names of the zone (RFC 5155 section 7.2.9): the table holds no node for
    // them, so a lookup finds nothing there.
    SignedZone signed = SignedZoneCompiler.compile(apex, signedNodes);
    if (online != null) {
      signed = signed.signedHere(online);
    }
    if (signed != null) {
      dropNsec3Owners(nodes);
    }
    NameTable<Node> nameTable = draft.toNameTable(nodes);
    linkAdditional(new AdditionalLinks(nameTable, draft.apexName), byDepth);
    return new ZoneSnapshot(
        draft.origin,
        apex,
        nameTable,
        apex.rrset(Type.SOA),
        serial,
        records.line(soaRecord),
        minimum,
        count,
        draft.file,
        signed);
  }

  // Each pass over the nodes is a method of its own, and compile() a sequence of them: a loop over
  // a million nodes is compiled while it runs (on-stack replacement), and the JIT compiles the
  // whole method around it, once for each such loop.

  /**
   * Flags delegations and DNAMEs, gives every node the topmost cut above it, and every parent its
   * wildcard child; {@code byDepth} has parents before children.
   */
  private static void markCuts(Node apex, Node[] byDepth) {
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
  }

  /** Takes the NSEC3 owners out of {@code nodes}, which the name table is made from. */
  private static void dropNsec3Owners(Node[] nodes) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null && (nodes[i].flags & Node.NSEC3_OWNER) != 0) {
        nodes[i] = null;
      }
    }
  }

  /** Links every RRset of {@code nodes} to the records of the additional section it asks for. */
  private static void linkAdditional(AdditionalLinks links, Node[] nodes) {
    for (Node n : nodes) {
      for (int i = 0; i < n.rrsetCount(); i++) {
        links.link(n.rrsetAt(i));
      }
    }
  }

  /** Flags the nodes of GeoDNS names with the types their answers have. */
  private static void markGeoNames(ZoneDraft draft, Node[] nodes, ZoneSigning signing) {
    for (ZoneSigning.GeoName g : signing.geoNames()) {
      byte[] w = WireName.of(g.name());
      int o = draft.ownerOf(w, 0, w.length, false);
      if (o >= 0) {
        nodes[o].flags |= (g.a() ? Node.GEO_A : 0) | (g.aaaa() ? Node.GEO_AAAA : 0);
      }
    }
  }

  /**
   * Makes the node of every owner that has records, {@code nodes[o]} for owner {@code o}, on every
   * core for a large zone; returns the number of records.
   */
  private static int makeNodes(ZoneDraft draft, Node[] nodes, int named) {
    int parts = named < PARALLEL_FROM ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), 8);
    List<CompletableFuture<Integer>> running = new ArrayList<>();
    for (int p = 1; p < parts; p++) {
      int from = (int) ((long) named * p / parts);
      int to = (int) ((long) named * (p + 1) / parts);
      running.add(CompletableFuture.supplyAsync(() -> makeNodes(draft, nodes, from, to)));
    }
    int count = makeNodes(draft, nodes, 0, (int) ((long) named / parts));
    for (CompletableFuture<Integer> r : running) {
      count += r.join();
    }
    return count;
  }

  private static int makeNodes(ZoneDraft draft, Node[] nodes, int from, int to) {
    int count = 0;
    List<RRset> scratch = new ArrayList<>();
    for (int o = from; o < to; o++) {
      Node n = new Node(draft.name(o));
      count += addRRsets(n, draft, o, scratch);
      nodes[o] = n;
    }
    return count;
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | b[at + 3] & 0xFF;
  }

  /**
   * Gives node {@code n} the records of owner {@code o} as RRsets in ascending type order,
   * duplicates dropped (RFC 2181 section 5), and returns how many records they hold; {@code
   * scratch} is reused from owner to owner.
   */
  private static int addRRsets(Node n, ZoneDraft draft, int o, List<RRset> scratch) {
    ScannedRecords records = draft.records;
    byte[] owner = draft.name(o);
    int first = draft.first(o);
    if (first < 0) {
      return 0;
    }
    if (draft.next(first) < 0) {
      n.setRRset(
          new RRset(owner, records.type(first), records.ttl(first), records.rdataCopy(first)));
      return 1;
    }
    scratch.clear();
    for (int r = first; r >= 0; r = draft.next(r)) {
      int type = records.type(r);
      boolean seen = false;
      for (RRset s : scratch) {
        seen |= s.type() == type;
      }
      if (seen) {
        continue;
      }
      // The first record of each type gathers the others of its type, in file order.
      List<byte[]> rdata = new ArrayList<>(2);
      for (int k = r; k >= 0; k = draft.next(k)) {
        if (records.type(k) == type && !contains(rdata, type, records, k)) {
          rdata.add(records.rdataCopy(k));
        }
      }
      // RFC 2181 section 5.2: one TTL per RRset; the first record's, as Knot does.
      scratch.add(
          rdata.size() == 1
              ? new RRset(owner, type, records.ttl(r), rdata.get(0))
              : new RRset(owner, type, records.ttl(r), rdata.toArray(new byte[0][])));
    }
    RRset[] out = scratch.toArray(Node.NONE);
    Arrays.sort(out, (a, b) -> Integer.compare(a.type(), b.type()));
    n.setRRsets(out);
    int count = 0;
    for (RRset r : out) {
      count += r.size();
    }
    return count;
  }

  /**
   * Whether record {@code k}'s data is already among {@code rdata}: the same octets, or (when they
   * differ only in letter case) the same canonical form (RFC 4034 section 6.2), as dnsjava's {@code
   * Record.equals} decides.
   */
  private static boolean contains(List<byte[]> rdata, int type, ScannedRecords records, int k) {
    byte[] pool = records.rdata();
    int from = records.rdataStart(k);
    int to = records.rdataEnd(k);
    for (byte[] d : rdata) {
      if (Arrays.equals(d, 0, d.length, pool, from, to)) {
        return true;
      }
      if (d.length == to - from && equalsIgnoreCase(d, pool, from)) {
        Record a = Record.newRecord(Name.root, type, DClass.IN, 0, d);
        Record b = Record.newRecord(Name.root, type, DClass.IN, 0, records.rdataCopy(k));
        if (a != null && a.equals(b)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean equalsIgnoreCase(byte[] a, byte[] b, int bFrom) {
    for (int i = 0; i < a.length; i++) {
      if (WireName.lower(a[i]) != WireName.lower(b[bFrom + i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Creates the empty non-terminals between every name and the apex, and sets parents; returns the
   * node array, grown when there were many of them.
   */
  private static Node[] linkAncestors(ZoneDraft draft, Node[] nodes, int named) {
    int apexLength = draft.apexName.length;
    for (int i = 0; i < named; i++) {
      Node child = nodes[i];
      while (child.parent == null && child.name().length > apexLength) {
        byte[] name = child.name();
        int before = draft.owners();
        int p = draft.ownerOf(name, WireName.nextLabel(name, 0), name.length, true);
        boolean existed = p < before;
        if (!existed) {
          if (p == nodes.length) {
            nodes = Arrays.copyOf(nodes, nodes.length * 2);
          }
          nodes[p] = new Node(draft.name(p));
        }
        Node parent = nodes[p];
        child.parent = parent;
        if (existed) {
          break; // its own ancestors are linked, or will be when the loop reaches it
        }
        child = parent;
      }
    }
    return nodes;
  }

  /** The first {@code n} nodes ordered by label count, shallowest first (a counting sort). */
  private static Node[] byDepth(Node[] nodes, int n) {
    byte[] depth = new byte[n];
    int[] perDepth = new int[129];
    for (int i = 0; i < n; i++) {
      depth[i] = (byte) labels(nodes[i].name());
      perDepth[depth[i] + 1]++;
    }
    for (int d = 1; d < perDepth.length; d++) {
      perDepth[d] += perDepth[d - 1];
    }
    Node[] out = new Node[n];
    for (int i = 0; i < n; i++) {
      out[perDepth[depth[i]]++] = nodes[i];
    }
    return out;
  }

  private static int labels(byte[] name) {
    int n = 0;
    for (int off = 0; name[off] != 0; off = WireName.nextLabel(name, off)) {
      n++;
    }
    return n;
  }
}
