package net.anycastdns.server.wire;

import net.anycastdns.zones.RRset;

/**
 * Writes one response into a byte array: header, the question copied from the query (so the
 * client's letter case comes back, RFC 1035 section 7.1), then whole RRsets with name compression
 * (RFC 1035 section 4.1.4). An RRset that does not fit under the size limit is taken back whole, so
 * a truncated response never holds part of an RRset (RFC 2181 section 9).
 *
 * <p>One writer is reused by a thread; {@link #begin} starts a new message.
 */
public final class MessageWriter {
  public static final int FLAG_QR = 0x8000;
  public static final int FLAG_AA = 0x0400;
  public static final int FLAG_TC = 0x0200;
  public static final int FLAG_RD = 0x0100;
  public static final int FLAG_CD = 0x0010;

  private static final int TYPE_NS = 2;
  private static final int TYPE_CNAME = 5;
  private static final int TYPE_SOA = 6;
  private static final int TYPE_PTR = 12;
  private static final int TYPE_MX = 15;
  private static final int TYPE_OPT = 41;
  private static final int TYPE_RRSIG = 46;
  private static final int OPTION_NSID = 3;
  private static final int OPTION_ECS = 8;
  private static final int OPTION_COOKIE = 10;
  private static final int CLASS_IN = 1;
  private static final int MAX_POINTER = 0x3fff;

  private byte[] buf;
  private int pos;
  private int limit;

  /**
   * Labels written before compression targets are found through a hash index instead of a scan: an
   * answer has far fewer (the scan is the cheaper there), a 64 KiB zone-transfer message thousands,
   * where a scan per name would make writing it quadratic.
   */
  private static final int SCANNED_LABELS = 64;

  /** Offsets of labels written out in full, the targets compression pointers may point at. */
  private int[] labels = new int[SCANNED_LABELS];

  private int labelCount;

  /** Whether {@link #index} is in use for this message. */
  private boolean indexed;

  /**
   * Open addressing from the hash of a label sequence (lowercase) to 1 + its position in {@link
   * #labels}; 0 is empty. Entries of labels taken back with an RRset that did not fit stay, and are
   * told apart by {@link #hashes} and a comparison, so taking back costs nothing.
   */
  private int[] index = new int[0];

  private int[] hashes = new int[0];
  private int indexEntries;
  private final int[] counts = new int[4];

  /**
   * Starts a response to {@code query} (whose question, when parsed, is copied from {@code
   * request}) in {@code out}; the sections may fill it up to {@code limit} octets.
   */
  public void begin(byte[] out, int limit, byte[] request, Query query, int flags, int rcode) {
    this.buf = out;
    this.limit = Math.min(limit, out.length);
    this.labelCount = 0;
    this.indexed = false;
    counts[0] = counts[1] = counts[2] = counts[3] = 0;
    u16(0, query.id());
    u16(2, flags | (rcode & 0xf));
    pos = Query.QUESTION_OFFSET;
    if (query.questionParsed()) {
      int len = query.questionEnd() - Query.QUESTION_OFFSET;
      System.arraycopy(request, Query.QUESTION_OFFSET, out, pos, len);
      for (int o = pos; out[o] != 0; o += 1 + out[o]) {
        addLabel(o);
      }
      pos += len;
      counts[0] = 1;
    }
  }

  /** Current length of the message. */
  public int position() {
    return pos;
  }

  /** True when {@code octets} more fit under the limit. */
  public boolean fits(int octets) {
    return pos + octets <= limit;
  }

  /** Lowers the limit, to keep room for what must come last (the OPT record). */
  public void reserve(int octets) {
    limit -= octets;
  }

  /** Gives back room kept by {@link #reserve}. */
  public void release(int octets) {
    limit += octets;
  }

  /** Sets header flag bits (such as TC) after {@link #begin}. */
  public void addFlags(int flags) {
    u16(2, QueryParser.u16(buf, 2) | flags);
  }

  /**
   * Writes an RRset into {@code section} (1 answer, 2 authority, 3 additional) under owner {@code
   * owner}. Returns false, having written nothing, when it does not fit.
   */
  public boolean writeRRset(int section, byte[] owner, RRset rrset) {
    return writeRRset(section, owner, rrset, true, false);
  }

  /**
   * Writes an RRset's records, its RRSIGs ({@link RRset#signature}, with the RRset's TTL), or both,
   * into {@code section} under owner {@code owner}, as one unit: returns false, having written
   * nothing, when they do not all fit, so an RRset never goes out without the RRSIGs asked for (RFC
   * 4035 section 3.1.1).
   */
  public boolean writeRRset(
      int section, byte[] owner, RRset rrset, boolean records, boolean signatures) {
    int startPos = pos;
    int startLabels = labelCount;
    int ttl = (int) rrset.ttl();
    int written = 0;
    for (int i = 0; records && i < rrset.size(); i++, written++) {
      if (!writeRecord(owner, rrset.type(), CLASS_IN, ttl, rrset.rdata(i))) {
        return rollBack(startPos, startLabels);
      }
    }
    for (int i = 0; signatures && i < rrset.signatureCount(); i++, written++) {
      if (!writeRecord(owner, TYPE_RRSIG, CLASS_IN, ttl, rrset.signature(i))) {
        return rollBack(startPos, startLabels);
      }
    }
    counts[section] += written;
    return true;
  }

  private boolean rollBack(int startPos, int startLabels) {
    pos = startPos;
    labelCount = startLabels;
    return false;
  }

  /** Writes one record of any class into {@code section}; false, with nothing written, if full. */
  public boolean writeRecord(
      int section, byte[] owner, int type, int dclass, int ttl, byte[] rdata) {
    int startPos = pos;
    int startLabels = labelCount;
    if (!writeRecord(owner, type, dclass, ttl, rdata)) {
      return rollBack(startPos, startLabels);
    }
    counts[section]++;
    return true;
  }

  /**
   * Writes the OPT pseudo-record (RFC 6891 section 6.1.2), echoing the query's DO bit and, when the
   * query had one, its Client Subnet option with {@code ecsScope} as the scope (RFC 7871 section
   * 7.2.1), and the COOKIE option the cookie stage chose (RFC 7873 section 5.2). {@code
   * extendedRcode} is the upper eight bits of a 12-bit rcode; {@code nsid}, when not null, is sent
   * as the NSID option (RFC 5001).
   */
  public void writeOpt(
      int udpPayloadSize, int extendedRcode, Query query, int ecsScope, byte[] nsid) {
    int ecsOctets = query.ecs() ? (query.ecsSourcePrefix() + 7) / 8 : 0;
    int cookieOctets = query.responseCookieLength();
    int optionsLength =
        (nsid == null ? 0 : 4 + nsid.length)
            + (query.ecs() ? 8 + ecsOctets : 0)
            + (cookieOctets == 0 ? 0 : 4 + cookieOctets);
    buf[pos++] = 0;
    u16(pos, TYPE_OPT);
    u16(pos + 2, udpPayloadSize);
    buf[pos + 4] = (byte) extendedRcode;
    buf[pos + 5] = 0;
    buf[pos + 6] = (byte) (query.dnssecOk() ? 0x80 : 0);
    buf[pos + 7] = 0;
    u16(pos + 8, optionsLength);
    pos += 10;
    if (query.ecs()) {
      u16(pos, OPTION_ECS);
      u16(pos + 2, 4 + ecsOctets);
      u16(pos + 4, query.ecsFamily());
      buf[pos + 6] = (byte) query.ecsSourcePrefix();
      buf[pos + 7] = (byte) ecsScope;
      System.arraycopy(query.ecsAddress(), 0, buf, pos + 8, ecsOctets);
      pos += 8 + ecsOctets;
    }
    if (cookieOctets != 0) {
      u16(pos, OPTION_COOKIE);
      u16(pos + 2, cookieOctets);
      System.arraycopy(query.responseCookie(), 0, buf, pos + 4, cookieOctets);
      pos += 4 + cookieOctets;
    }
    if (nsid != null) {
      u16(pos, OPTION_NSID);
      u16(pos + 2, nsid.length);
      System.arraycopy(nsid, 0, buf, pos + 4, nsid.length);
      pos += 4 + nsid.length;
    }
    counts[3]++;
  }

  /** Octets the OPT record for {@code query} will take, with {@code nsid} if not null. */
  public static int optLength(Query query, byte[] nsid) {
    int ecs = query.ecs() ? 8 + (query.ecsSourcePrefix() + 7) / 8 : 0;
    int cookie = query.responseCookieLength() == 0 ? 0 : 4 + query.responseCookieLength();
    return 11 + ecs + cookie + (nsid == null ? 0 : 4 + nsid.length);
  }

  /** Writes the section counts into the header and returns the message length. */
  public int finish() {
    u16(4, counts[0]);
    u16(6, counts[1]);
    u16(8, counts[2]);
    u16(10, counts[3]);
    return pos;
  }

  private boolean writeRecord(byte[] owner, int type, int dclass, int ttl, byte[] rdata) {
    if (!writeName(owner, true) || pos + 10 > limit) {
      return false;
    }
    u16(pos, type);
    u16(pos + 2, dclass);
    buf[pos + 4] = (byte) (ttl >>> 24);
    buf[pos + 5] = (byte) (ttl >>> 16);
    buf[pos + 6] = (byte) (ttl >>> 8);
    buf[pos + 7] = (byte) ttl;
    int rdlengthAt = pos + 8;
    pos += 10;
    if (!writeRdata(type, rdata)) {
      return false;
    }
    u16(rdlengthAt, pos - rdlengthAt - 2);
    return true;
  }

  /** RFC 3597 section 4: names in the data of only these well-known types may be compressed. */
  private boolean writeRdata(int type, byte[] rdata) {
    switch (type) {
      case TYPE_NS, TYPE_CNAME, TYPE_PTR:
        return writeName(rdata, false);
      case TYPE_MX:
        return copy(rdata, 0, 2) && writeName(rdata, 2, false);
      case TYPE_SOA:
        {
          int second = nameEnd(rdata, 0);
          return writeName(rdata, 0, second, false)
              && writeName(rdata, second, nameEnd(rdata, second), false)
              && copy(rdata, nameEnd(rdata, second), 20);
        }
      default:
        return copy(rdata, 0, rdata.length);
    }
  }

  private boolean copy(byte[] src, int off, int len) {
    if (pos + len > limit) {
      return false;
    }
    System.arraycopy(src, off, buf, pos, len);
    pos += len;
    return true;
  }

  private boolean writeName(byte[] name, boolean owner) {
    return writeName(name, 0, name.length, owner);
  }

  private boolean writeName(byte[] name, int off, boolean owner) {
    return writeName(name, off, nameEnd(name, off), owner);
  }

  /**
   * Writes the name {@code name[off, end)}: the longest suffix already in the message becomes a
   * pointer, the labels before it are written and become pointer targets themselves.
   */
  private boolean writeName(byte[] name, int off, int end, boolean owner) {
    for (int s = off; ; s += 1 + name[s]) {
      int target = name[s] == 0 ? -1 : find(name, s, end);
      if (target >= 0 || name[s] == 0) {
        int literal = s - off;
        int need = literal + (target >= 0 ? 2 : 1);
        if (pos + need > limit) {
          return false;
        }
        for (int l = off; l < s; l += 1 + name[l]) {
          if (addLabel(pos + (l - off)) && indexed) {
            indexLabel(labelCount - 1, hash(name, l));
          }
        }
        System.arraycopy(name, off, buf, pos, literal);
        pos += literal;
        if (target >= 0) {
          u16(pos, 0xc000 | target);
          pos += 2;
        } else {
          buf[pos++] = 0;
        }
        return true;
      }
    }
  }

  /** Offset of an earlier label sequence equal (ignoring case) to {@code name[s, end)}, or -1. */
  private int find(byte[] name, int s, int end) {
    if (!indexed) {
      if (labelCount <= SCANNED_LABELS) {
        for (int i = 0; i < labelCount; i++) {
          if (equalsAt(labels[i], name, s)) {
            return labels[i];
          }
        }
        return -1;
      }
      buildIndex();
    }
    int h = hash(name, s);
    int mask = index.length - 1;
    for (int i = h & mask; index[i] != 0; i = (i + 1) & mask) {
      int label = index[i] - 1;
      if (label < labelCount && hashes[label] == h && equalsAt(labels[label], name, s)) {
        return labels[label];
      }
    }
    return -1;
  }

  /** Indexes every label written so far (each is in the message by now). */
  private void buildIndex() {
    int size = Integer.highestOneBit(Math.max(SCANNED_LABELS, labelCount) * 4);
    if (index.length < size) {
      index = new int[size];
    } else {
      java.util.Arrays.fill(index, 0);
    }
    indexEntries = 0;
    indexed = true;
    for (int i = 0; i < labelCount; i++) {
      indexLabel(i, hashAt(labels[i]));
    }
  }

  private void indexLabel(int label, int h) {
    if (hashes.length < labels.length) {
      hashes = java.util.Arrays.copyOf(hashes, labels.length);
    }
    hashes[label] = h;
    if ((indexEntries + 1) * 2 > index.length) {
      buildIndex(); // drops the entries of labels taken back, and grows
      return;
    }
    int mask = index.length - 1;
    int i = h & mask;
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = label + 1;
    indexEntries++;
  }

  /** Hash of the lowercase labels of {@code name} from {@code s} to its end. */
  private static int hash(byte[] name, int s) {
    int h = 0x811c9dc5;
    for (int p = s; ; p += 1 + name[p]) {
      int len = name[p];
      h = (h ^ len) * 0x01000193;
      if (len == 0) {
        return h ^ (h >>> 16);
      }
      for (int i = 1; i <= len; i++) {
        h = (h ^ lower(name[p + i])) * 0x01000193;
      }
    }
  }

  /** The same hash for the label sequence at {@code at} in the message, pointers followed. */
  private int hashAt(int at) {
    int h = 0x811c9dc5;
    int p = at;
    while (true) {
      int len = buf[p] & 0xff;
      if ((len & 0xc0) == 0xc0) {
        p = ((len & 0x3f) << 8) | (buf[p + 1] & 0xff);
        continue;
      }
      h = (h ^ len) * 0x01000193;
      if (len == 0) {
        return h ^ (h >>> 16);
      }
      for (int i = 1; i <= len; i++) {
        h = (h ^ lower(buf[p + i])) * 0x01000193;
      }
      p += 1 + len;
    }
  }

  private boolean equalsAt(int at, byte[] name, int s) {
    int p = at;
    int n = s;
    while (true) {
      int len = buf[p] & 0xff;
      if ((len & 0xc0) == 0xc0) {
        p = ((len & 0x3f) << 8) | (buf[p + 1] & 0xff);
        continue;
      }
      if (len != name[n]) {
        return false;
      }
      if (len == 0) {
        return true;
      }
      for (int i = 1; i <= len; i++) {
        if (lower(buf[p + i]) != lower(name[n + i])) {
          return false;
        }
      }
      p += 1 + len;
      n += 1 + len;
    }
  }

  /** Makes the label at {@code offset} a compression target; false when no pointer can reach it. */
  private boolean addLabel(int offset) {
    if (offset > MAX_POINTER) {
      return false;
    }
    if (labelCount == labels.length) {
      labels = java.util.Arrays.copyOf(labels, labelCount * 2);
    }
    labels[labelCount++] = offset;
    return true;
  }

  private static int nameEnd(byte[] name, int off) {
    while (name[off] != 0) {
      off += 1 + name[off];
    }
    return off + 1;
  }

  private static byte lower(byte b) {
    return (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
  }

  private void u16(int off, int v) {
    buf[off] = (byte) (v >>> 8);
    buf[off + 1] = (byte) v;
  }
}
