package net.anycastdns.zones;

import org.xbill.DNS.Name;

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
  void forEachNode(java.util.function.Consumer<Node> action) {
    nodes.forEach(action);
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
