package net.anycastdns.zones;

import java.util.function.Consumer;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One zone, compiled and immutable: its nodes in a hash table keyed by lowercase wire name, the
 * apex, and the SOA forms answers need. A snapshot never changes; a reload builds a new one.
 */
public final class ZoneSnapshot {
  private final Name origin;
  private final Node apex;
  private final NameTable<Node> nodes;
  private final RRset soa;
  private final RRset negativeSoa;
  private final long serial;
  private final int soaLine;
  private final int recordCount;
  private final String file;
  private final SignedZone dnssec;

  ZoneSnapshot(
      Name origin,
      Node apex,
      NameTable<Node> nodes,
      RRset soa,
      long serial,
      int soaLine,
      long minimum,
      int recordCount,
      String file,
      SignedZone dnssec) {
    this.origin = origin;
    this.apex = apex;
    this.nodes = nodes;
    this.soa = soa;
    // RFC 2308 section 3: the negative-answer TTL is the minimum of the SOA's TTL and MINIMUM.
    this.negativeSoa = soa.withTtl(Math.min(soa.ttl(), minimum));
    this.serial = serial;
    this.soaLine = soaLine;
    this.recordCount = recordCount;
    this.file = file;
    this.dnssec = dnssec;
  }

  public Name origin() {
    return origin;
  }

  /** Lowercase wire-format apex name. */
  public byte[] apexName() {
    return apex.name();
  }

  public Node apex() {
    return apex;
  }

  /** The node for the name {@code name[off, name.length)}, or null. */
  public Node find(byte[] name, int off) {
    return nodes.get(name, off);
  }

  /** Every node of the zone, empty non-terminals included, in no particular order. */
  void forEachNode(Consumer<Node> action) {
    nodes.forEach(action);
  }

  /**
   * Calls {@code action} for every RRset of the zone except the apex SOA, in no particular order:
   * what a zone transfer sends between its two SOA records (RFC 5936 section 2.2). Every record the
   * zone file holds is there, occluded data and glue included, and the NSEC3 chain, which the
   * snapshot keeps apart from the names. In a signed zone the RRSIGs, which the snapshot keeps on
   * the RRsets they cover, come as one RRSIG RRset per covered RRset (the SOA's included), with its
   * TTL (RFC 4034 section 3). A zone with no SOA of its own cannot be built, so {@link #soa()}
   * completes it.
   */
  public void forEachRRset(Consumer<RRset> action) {
    nodes.forEach(
        node -> {
          for (int i = 0; i < node.rrsetCount(); i++) {
            RRset r = node.rrsetAt(i);
            if (node != apex || r.type() != Type.SOA) {
              action.accept(r);
            }
            acceptSignatures(r, action);
          }
        });
    Nsec3Chain chain = dnssec == null ? null : dnssec.nsec3();
    for (int i = 0; chain != null && i < chain.size(); i++) {
      action.accept(chain.record(i));
      acceptSignatures(chain.record(i), action);
    }
  }

  private static void acceptSignatures(RRset r, Consumer<RRset> action) {
    if (r.signatureCount() > 0) {
      action.accept(r.signaturesAsRRset());
    }
  }

  /**
   * The RRset among those {@link #forEachRRset} gives with the owner and type of {@code r} (for an
   * RRSIG RRset: covering the same type), or null: what a zone transfer's difference compares
   * (IXFR).
   */
  public RRset counterpart(RRset r) {
    Node node = nodes.get(r.owner(), 0);
    if (node != null && (r.type() != Type.RRSIG || node.rrset(Type.RRSIG) != null)) {
      return node.rrset(r.type());
    }
    int covered = r.type() == Type.RRSIG ? DnssecRdata.rrsigTypeCovered(r.rdata(0)) : r.type();
    RRset same = node != null ? node.rrset(covered) : nsec3Record(r.owner(), covered);
    if (same == null || r.type() != Type.RRSIG) {
      return same;
    }
    return same.signatureCount() == 0 ? null : same.signaturesAsRRset();
  }

  /** The NSEC3 RRset of the chain owned by {@code owner}, or null. */
  private RRset nsec3Record(byte[] owner, int type) {
    Nsec3Chain chain = dnssec == null ? null : dnssec.nsec3();
    byte[] hash = type == Type.NSEC3 && chain != null ? Nsec3Hash.decodeLabel(owner) : null;
    if (hash == null || !WireName.equals(owner, owner[0] + 1, owner.length, apex.name())) {
      return null;
    }
    int i = chain.find(hash);
    return i >= 0 && chain.matches(i, hash) ? chain.record(i) : null;
  }

  public RRset soa() {
    return soa;
  }

  /** The SOA with the negative-caching TTL, for NXDOMAIN and NODATA authority sections. */
  public RRset negativeSoa() {
    return negativeSoa;
  }

  /** The SOA serial served: the file's, or for a zone signed here the one signing chose. */
  public long serial() {
    return serial;
  }

  /**
   * The SOA serial of the zone file: {@link #serial()}, except for a zone signed here, whose served
   * serial also moves when it is signed again ({@link OnlineSigning}).
   */
  public long sourceSerial() {
    return dnssec != null && dnssec.online() != null ? dnssec.online().sourceSerial() : serial;
  }

  /**
   * The line of the SOA record in {@link #file()}, so that a problem with the serial can point at
   * it.
   */
  public int soaLine() {
    return soaLine;
  }

  /** Number of records loaded, for logs and metrics. */
  public int recordCount() {
    return recordCount;
  }

  /** The file the zone came from. */
  public String file() {
    return file;
  }

  /** The zone's DNSSEC data when it arrived signed, or null: such a zone is served unsigned. */
  public SignedZone dnssec() {
    return dnssec;
  }

  @Override
  public String toString() {
    return origin + " serial " + serial;
  }
}
