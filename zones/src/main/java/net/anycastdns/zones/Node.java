package net.anycastdns.zones;

/**
 * A name in a zone: its RRsets, and flags computed at load so that lookup needs no second pass.
 * Empty non-terminals are nodes without RRsets, so the closest encloser of a name is always the
 * longest existing suffix (RFC 4592 section 2.2.2).
 *
 * <p>Fields are written only while the zone is compiled; the snapshot that holds the nodes is
 * published through a final field, which makes them safely visible to every query thread.
 */
public final class Node {
  static final int DELEGATION = 1;
  static final int DNAME = 2;

  /** An NSEC3 record's owner: kept out of the name table (RFC 5155 section 7.2.9). */
  static final int NSEC3_OWNER = 4;

  /**
   * In a zone signed here, a GeoDNS service name that answers A, or AAAA, records made from
   * geo.yaml: types its NSEC or NSEC3 lists though the node holds no such RRset.
   */
  static final int GEO_A = 8;

  static final int GEO_AAAA = 16;

  static final RRset[] NONE = new RRset[0];

  private final byte[] name;

  /**
   * The RRsets in ascending type order: one {@link RRset} for a name that has one (most names), an
   * {@code RRset[]} otherwise, so that a zone of a million names does not hold a million arrays of
   * one (24 MB, and a fifth of the objects each load makes the collector copy).
   */
  private Object rrsets = NONE;

  int flags;
  Node parent;
  Node cut;
  Node wildcard;

  /**
   * In a signed zone, the record that proves what this name holds: its own NSEC, or the NSEC3 whose
   * hashed owner matches it; null for an empty non-terminal under NSEC, for a name left out of an
   * NSEC3 chain by opt-out, and in unsigned zones (the field fits in the object's padding).
   */
  RRset denial;

  Node(byte[] name) {
    this.name = name;
  }

  /** Lowercase wire-format name. */
  public byte[] name() {
    return name;
  }

  /** The RRset of this type, or null. */
  public RRset rrset(int type) {
    if (rrsets instanceof RRset one) {
      return one.type() == type ? one : null;
    }
    for (RRset r : (RRset[]) rrsets) {
      if (r.type() == type) {
        return r;
      }
    }
    return null;
  }

  /** Number of RRsets. */
  public int rrsetCount() {
    return rrsets instanceof RRset ? 1 : ((RRset[]) rrsets).length;
  }

  /** RRset {@code i} in ascending type order, {@code 0 <= i < rrsetCount()}. */
  public RRset rrsetAt(int i) {
    if (rrsets instanceof RRset one) {
      if (i != 0) {
        throw new IndexOutOfBoundsException(i);
      }
      return one;
    }
    return ((RRset[]) rrsets)[i];
  }

  /**
   * All RRsets, in ascending type order, in an array the caller may not change; a new one for a
   * name of one RRset, so the query path uses {@link #rrsetCount} and {@link #rrsetAt} instead.
   */
  public RRset[] rrsets() {
    return rrsets instanceof RRset one ? new RRset[] {one} : (RRset[]) rrsets;
  }

  /** Sets the one RRset of this name. */
  void setRRset(RRset only) {
    rrsets = only;
  }

  /** Sets the RRsets, in ascending type order; the array is kept. */
  void setRRsets(RRset[] sorted) {
    rrsets = sorted.length == 1 ? sorted[0] : sorted;
  }

  /** True for an empty non-terminal. */
  public boolean isEmpty() {
    return rrsetCount() == 0;
  }

  /** NS records below the apex: a zone cut (RFC 1034 section 4.2.1). */
  public boolean isDelegation() {
    return (flags & DELEGATION) != 0;
  }

  /**
   * The topmost delegation or DNAME node on the path from the apex (exclusive, except for a DNAME
   * at the apex) to this node (inclusive), or null. A node below such a cut is not authoritative
   * data of this zone.
   */
  public Node cut() {
    return cut;
  }

  /** The {@code *} child of this node (the source of synthesis, RFC 4592), or null. */
  public Node wildcard() {
    return wildcard;
  }

  /** True when data at this node is not authoritative: below a cut, or at a delegation point. */
  public boolean isOccluded() {
    return cut != null && (cut != this || isDelegation());
  }

  @Override
  public String toString() {
    return WireName.toString(name);
  }
}
