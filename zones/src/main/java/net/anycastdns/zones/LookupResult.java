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

  /** Empties the result for the next lookup. */
  public void reset() {
    answer.clear();
    authority.clear();
    additional.clear();
    kind = Kind.ANSWER;
    rcode = Rcode.NOERROR;
    authoritative = true;
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

  /** RRsets of one section, each with the owner name to write (a wildcard's is the query name). */
  public static final class Section {
    private RRset[] rrsets = new RRset[8];
    private byte[][] owners = new byte[8][];
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

    void add(byte[] owner, RRset rrset) {
      if (size == rrsets.length) {
        rrsets = java.util.Arrays.copyOf(rrsets, size * 2);
        owners = java.util.Arrays.copyOf(owners, size * 2);
      }
      rrsets[size] = rrset;
      owners[size] = owner;
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
