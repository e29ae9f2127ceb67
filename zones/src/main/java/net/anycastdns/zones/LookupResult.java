package net.anycastdns.zones;

import org.xbill.DNS.Rcode;

/**
 * What a lookup found: the RRsets of each section with the owner name each is written under, the
 * response code and whether the answer is authoritative. Turning this into a message (flags,
 * compression, truncation) is the job of the server's response assembly, and of nothing here.
 *
 * <p>A result is reused from query to query by one thread ({@link #reset()}), the way Knot reuses
 * its packet: the query path then allocates no section lists.
 */
public final class LookupResult {
  /** The kind of answer, as RFC 1034 section 4.3.2 distinguishes them. */
  public enum Kind {
    /** Data found (possibly after CNAME or DNAME steps). */
    ANSWER,
    /** The name exists but has no data of the type. */
    NODATA,
    /** The name does not exist. */
    NXDOMAIN,
    /** The name is below a zone cut: the delegation goes in the authority section. */
    REFERRAL,
    /** DNAME substitution made a name over 255 octets (RFC 6672 section 2.2). */
    YXDOMAIN
  }

  private final Section answer = new Section();
  private final Section authority = new Section();
  private final Section additional = new Section();
  private Kind kind;
  private int rcode;
  private boolean authoritative;

  // What the DNSSEC stage needs to choose proofs ({@link DnssecProofs}), recorded on the way:
  // references into the zone and the query, so recording allocates nothing.
  private byte[] lastName;
  private Node lastNode;
  private Node encloser;
  private Node cut;
  private Node everyRRsetOf;
  private int wildcards;
  private final byte[][] wildcardNames = new byte[ZoneLookup.MAX_CHAIN][];
  private final Node[] wildcardEnclosers = new Node[ZoneLookup.MAX_CHAIN];

  /** Empties the result for the next lookup. */
  public void reset() {
    answer.clear();
    authority.clear();
    additional.clear();
    kind = Kind.ANSWER;
    rcode = Rcode.NOERROR;
    authoritative = true;
    lastName = null;
    lastNode = null;
    encloser = null;
    cut = null;
    everyRRsetOf = null;
    java.util.Arrays.fill(wildcardNames, 0, wildcards, null);
    java.util.Arrays.fill(wildcardEnclosers, 0, wildcards, null);
    wildcards = 0;
  }

  public Section answer() {
    return answer;
  }

  public Section authority() {
    return authority;
  }

  public Section additional() {
    return additional;
  }

  public Kind kind() {
    return kind;
  }

  public int rcode() {
    return rcode;
  }

  /** The AA flag (RFC 1035 section 4.1.1). */
  public boolean authoritative() {
    return authoritative;
  }

  void set(Kind kind, int rcode) {
    this.kind = kind;
    this.rcode = rcode;
  }

  void setAuthoritative(boolean authoritative) {
    this.authoritative = authoritative;
  }

  /**
   * The lowercase name the lookup ended at: the query name, or the target of the last CNAME or
   * DNAME step; the name a negative answer is about.
   */
  public byte[] lastName() {
    return lastName;
  }

  /**
   * The node the data of {@link #lastName} came from: the name itself, or the wildcard that stood
   * in for it; null when the name does not exist (NXDOMAIN) or lies below a cut.
   */
  Node lastNode() {
    return lastNode;
  }

  /**
   * The closest encloser of {@link #lastName} when that name does not exist itself (NXDOMAIN, or an
   * answer synthesized from the wildcard below the encloser); null otherwise.
   */
  Node encloser() {
    return encloser;
  }

  /** For a {@link Kind#REFERRAL}: the delegation point. */
  Node cut() {
    return cut;
  }

  /**
   * The node whose every RRset answered a query for ANY (over TCP), the name's own and not a
   * wildcard's: with DO, its NSEC joins them; null otherwise.
   */
  Node everyRRsetOf() {
    return everyRRsetOf;
  }

  void answeredEveryRRsetOf(Node node) {
    this.everyRRsetOf = node;
  }

  /** Number of steps of the chain answered from a wildcard (RFC 4592), each needing a proof. */
  int wildcards() {
    return wildcards;
  }

  /** The name that wildcard step {@code i} answered for. */
  byte[] wildcardName(int i) {
    return wildcardNames[i];
  }

  /** The closest encloser of wildcard step {@code i}: the wildcard's parent. */
  Node wildcardEncloser(int i) {
    return wildcardEnclosers[i];
  }

  /** Records that {@code name} was found as {@code node} (null: it does not exist). */
  void found(byte[] name, Node node, Node encloser) {
    this.lastName = name;
    this.lastNode = node;
    this.encloser = encloser;
  }

  /** Records that {@code name}, below {@code encloser}, was answered from its wildcard. */
  void synthesized(byte[] name, Node wildcard, Node encloser) {
    found(name, wildcard, encloser);
    wildcardNames[wildcards] = name;
    wildcardEnclosers[wildcards] = encloser;
    wildcards++;
  }

  /** Records the delegation of a referral for {@code name}. */
  void referredAt(byte[] name, Node cut) {
    found(name, null, null);
    this.cut = cut;
  }

  /**
   * RRsets of one section, each with the owner name to write (a wildcard's is the query name) and
   * which of its parts to write: its records, its RRSIGs, or both. An RRset and its RRSIGs are one
   * entry, so that whoever writes the message keeps them together.
   */
  public static final class Section {
    private static final byte RECORDS = 1;
    private static final byte SIGNATURES = 2;

    private RRset[] rrsets = new RRset[8];
    private byte[][] owners = new byte[8][];
    private byte[] parts = new byte[8];
    private int size;

    public int size() {
      return size;
    }

    public RRset rrset(int i) {
      return rrsets[i];
    }

    /** Lowercase wire-format owner name of entry {@code i}. */
    public byte[] owner(int i) {
      return owners[i];
    }

    /**
     * Whether the records of entry {@code i} are written; false only when a query for type RRSIG
     * asked for the signatures alone.
     */
    public boolean records(int i) {
      return (parts[i] & RECORDS) != 0;
    }

    /**
     * Whether the RRSIGs of entry {@code i} ({@link RRset#signature}) are written: set by the
     * DNSSEC stage for queries with the DO bit.
     */
    public boolean signatures(int i) {
      return (parts[i] & SIGNATURES) != 0;
    }

    void add(byte[] owner, RRset rrset) {
      add(owner, rrset, RECORDS);
    }

    /** Adds the RRSIGs of {@code rrset}, without its records. */
    void addSignaturesOnly(byte[] owner, RRset rrset) {
      add(owner, rrset, SIGNATURES);
    }

    /** Adds an RRset with its RRSIGs. */
    void addSigned(byte[] owner, RRset rrset) {
      add(owner, rrset, rrset.signatureCount() > 0 ? RECORDS | SIGNATURES : RECORDS);
    }

    /** Has the RRSIGs of entry {@code i} written with it, when it has any. */
    void sign(int i) {
      if (rrsets[i].signatureCount() > 0) {
        parts[i] |= SIGNATURES;
      }
    }

    private void add(byte[] owner, RRset rrset, int what) {
      if (size == rrsets.length) {
        rrsets = java.util.Arrays.copyOf(rrsets, size * 2);
        owners = java.util.Arrays.copyOf(owners, size * 2);
        parts = java.util.Arrays.copyOf(parts, size * 2);
      }
      rrsets[size] = rrset;
      owners[size] = owner;
      parts[size] = (byte) what;
      size++;
    }

    boolean containsRRset(RRset rrset) {
      for (int i = 0; i < size; i++) {
        if (rrsets[i] == rrset) {
          return true;
        }
      }
      return false;
    }

    boolean containsOwner(byte[] name) {
      for (int i = 0; i < size; i++) {
        if (java.util.Arrays.equals(owners[i], name)) {
          return true;
        }
      }
      return false;
    }

    void clear() {
      java.util.Arrays.fill(rrsets, 0, size, null);
      java.util.Arrays.fill(owners, 0, size, null);
      size = 0;
    }
  }
}
