package net.anycastdns.zones;

import java.util.List;
import org.xbill.DNS.Type;

/**
 * One resource record set as it will be written: owner, type, TTL and the record data of each
 * record in uncompressed wire form, with the letter case of the zone file. Everything a response
 * needs about it beyond that (the additional-section records of its targets, the lowercase target
 * of a CNAME or DNAME, in a signed zone the RRSIGs that cover it) is computed when the zone is
 * compiled.
 */
public final class RRset {
  private static final RRset[] NONE = new RRset[0];

  private final byte[] owner;
  private final int type;

  /**
   * Unsigned 32 bits (RFC 2181 section 8); an int keeps the object at 40 octets with signatures.
   */
  private final int ttl;

  /** One record's data as a {@code byte[]}, several as a {@code byte[][]}: most RRsets hold one. */
  private final Object rdata;

  private final byte[] target;
  private RRset[] additional = NONE;

  /**
   * The RRSIG records covering this RRset as for {@link #rdata}: null, one {@code byte[]} (the
   * usual case: one key signs) or a {@code byte[][]}. Unsigned zones pay one null reference.
   */
  private Object signatures;

  RRset(byte[] owner, int type, long ttl, byte[][] rdata) {
    this(
        owner,
        type,
        ttl,
        rdata.length == 1 ? rdata[0] : rdata,
        rdata.length == 0 ? null : rdata[0]);
  }

  /** An RRset of one record. */
  RRset(byte[] owner, int type, long ttl, byte[] rdata) {
    this(owner, type, ttl, rdata, rdata);
  }

  private RRset(byte[] owner, int type, long ttl, Object rdata, byte[] first) {
    this.owner = owner;
    this.type = type;
    this.ttl = (int) ttl;
    this.rdata = rdata;
    this.target =
        (type == Type.CNAME || type == Type.DNAME) && first != null
            ? WireName.lowerCopy(first)
            : null;
  }

  /**
   * An RRset made outside a zone file (a GeoDNS answer), written like any other.
   *
   * @param owner lowercase wire-format owner name
   * @param rdata uncompressed wire-format record data, one array per record, not copied
   */
  public static RRset of(byte[] owner, int type, long ttl, byte[][] rdata) {
    return new RRset(owner, type, ttl, rdata);
  }

  /** A CNAME made by DNAME substitution (RFC 6672 section 2.3): owner and target given. */
  public static RRset synthesizedCname(byte[] owner, byte[] target, long ttl) {
    return new RRset(owner, Type.CNAME, ttl, new byte[][] {target});
  }

  /** Lowercase wire-format owner name. */
  public byte[] owner() {
    return owner;
  }

  public int type() {
    return type;
  }

  public long ttl() {
    return ttl & 0xFFFF_FFFFL;
  }

  /** Number of records. */
  public int size() {
    return rdata instanceof byte[][] many ? many.length : 1;
  }

  /** Uncompressed wire-format record data of record {@code i}. */
  public byte[] rdata(int i) {
    if (rdata instanceof byte[] one) {
      if (i != 0) {
        throw new IndexOutOfBoundsException(i);
      }
      return one;
    }
    return ((byte[][]) rdata)[i];
  }

  /** For CNAME and DNAME: the lowercase wire-format target; otherwise null. */
  public byte[] target() {
    return target;
  }

  /**
   * The additional-section RRsets of this RRset: A and AAAA RRsets for the names it points at (NS,
   * MX, SRV, SVCB and HTTPS targets in the same zone), all A before all AAAA so that IPv4 addresses
   * survive truncation first (as NSD does); for SVCB and HTTPS, first the RRsets its AliasMode
   * records lead to ({@link ServiceBindingAdditional}).
   */
  public RRset[] additional() {
    return additional;
  }

  /** Number of RRSIG records covering this RRset: 0 outside signed zones and for glue. */
  public int signatureCount() {
    if (signatures == null) {
      return 0;
    }
    return signatures instanceof byte[][] many ? many.length : 1;
  }

  /**
   * Uncompressed wire-format record data of RRSIG {@code i} covering this RRset. An RRSIG is
   * written under the owner this RRset is written under, with this RRset's TTL (RFC 4035 section
   * 2.2), so a wildcard expansion or the negative-answer SOA carry theirs unchanged.
   */
  public byte[] signature(int i) {
    if (signatures instanceof byte[] one) {
      if (i != 0) {
        throw new IndexOutOfBoundsException(i);
      }
      return one;
    }
    return ((byte[][]) signatures)[i];
  }

  /** The RRSIGs covering this RRset as an RRset of their own, for zone transfers. */
  RRset signaturesAsRRset() {
    byte[][] sigs = new byte[signatureCount()][];
    for (int i = 0; i < sigs.length; i++) {
      sigs[i] = signature(i);
    }
    return new RRset(owner, Type.RRSIG, ttl(), sigs);
  }

  void setSignatures(byte[][] rdata) {
    this.signatures = rdata.length == 1 ? rdata[0] : rdata;
  }

  void setAdditional(List<RRset> rrsets) {
    this.additional = rrsets.isEmpty() ? NONE : rrsets.toArray(NONE);
  }

  /**
   * The same records, and signatures, with another TTL (the negative-answer SOA, RFC 2308 section
   * 3).
   */
  RRset withTtl(long newTtl) {
    RRset copy = new RRset(owner, type, newTtl, rdata, size() == 0 ? null : rdata(0));
    copy.signatures = signatures;
    return copy;
  }

  @Override
  public String toString() {
    return WireName.toString(owner) + " " + ttl() + " " + Type.string(type) + " x" + size();
  }
}
