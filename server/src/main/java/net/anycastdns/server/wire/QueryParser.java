package net.anycastdns.server.wire;

/**
 * Decodes a query from its wire form (RFC 1035 section 4.1) into a {@link Query}, reading only the
 * header, the question and the OPT record. Every length is checked against the packet, so no input
 * can make it read out of bounds or loop.
 */
public final class QueryParser {
  /** The outcome of decoding, which decides how the server responds. */
  public enum Status {
    /** A well-formed query to answer. */
    OK,
    /** Not to be answered: shorter than a header, or a response (QR set). */
    DROP,
    /** The header is readable but the message is not: FORMERR (with the question if it parsed). */
    FORMERR,
    /**
     * An opcode other than QUERY and NOTIFY: NOTIMP (RFC 1035 section 4.1.1), with OPT if one was
     * read.
     */
    NOTIMP,
    /** An EDNS version this server does not speak: BADVERS (RFC 6891 section 6.1.3). */
    BADVERS
  }

  private static final int TYPE_OPT = 41;
  private static final int TYPE_TSIG = 250;

  /** RFC 1996: NOTIFY is read like a query, its question the zone whose serial changed. */
  public static final int OPCODE_NOTIFY = 4;

  private static final int OPTION_NSID = 3;
  private static final int OPTION_ECS = 8;
  private static final int OPTION_COOKIE = 10;

  private QueryParser() {}

  /** Decodes {@code packet[0, length)} into {@code q}. */
  public static Status parse(byte[] packet, int length, Query q) {
    q.reset();
    if (length < Query.QUESTION_OFFSET) {
      return Status.DROP;
    }
    q.id = u16(packet, 0);
    q.flags = u16(packet, 2);
    if ((q.flags & 0x8000) != 0) {
      return Status.DROP;
    }
    int qdcount = u16(packet, 4);
    // Another opcode is NOTIMP whatever else is wrong; the message is still read through, for
    // an OPT record that must be answered with OPT (RFC 6891 section 7).
    boolean notimp = q.opcode() != 0 && q.opcode() != OPCODE_NOTIFY;
    int pos =
        qdcount == 1 ? parseQuestion(packet, length, q) : qdcount == 0 ? Query.QUESTION_OFFSET : -1;
    if (pos < 0) {
      return malformed(q, notimp);
    }
    int rrs = u16(packet, 6) + u16(packet, 8) + u16(packet, 10);
    int additionalStart = u16(packet, 6) + u16(packet, 8);
    for (int i = 0; i < rrs; i++) {
      int nameStart = pos;
      pos = skipName(packet, length, pos);
      if (pos < 0 || pos + 10 > length) {
        return malformed(q, notimp);
      }
      int type = u16(packet, pos);
      int rdlength = u16(packet, pos + 8);
      int rdata = pos + 10;
      if (rdata + rdlength > length) {
        return malformed(q, notimp);
      }
      if (type == TYPE_OPT) {
        // RFC 6891 section 6.1.1: one OPT, in the additional section, owned by the root.
        if (i < additionalStart || q.edns || packet[nameStart] != 0) {
          return malformed(q, notimp);
        }
        if (!parseOpt(packet, pos, rdata, rdlength, q)) {
          return malformed(q, notimp);
        }
      }
      if (type == TYPE_TSIG) {
        // Where it stands is checked by the TSIG stage: it must be the last record (RFC 8945
        // section 5.1), so a second one never is.
        q.tsigStart = nameStart;
        q.tsigLast = i == rrs - 1 && i >= additionalStart;
      }
      pos = rdata + rdlength;
    }
    if (pos != length) {
      return malformed(q, notimp);
    }
    if (notimp) {
      return Status.NOTIMP;
    }
    if (!q.questionParsed) {
      return malformed(q, false); // a query asks exactly one question
    }
    if (q.edns && q.ednsVersion != 0) {
      return Status.BADVERS;
    }
    return Status.OK;
  }

  /**
   * A message that does not parse: FORMERR, or NOTIMP for another opcode. Either way its OPT
   * record, if one was read, is not to be trusted, so none is answered.
   */
  private static Status malformed(Query q, boolean notimp) {
    q.edns = false;
    q.dnssecOk = false;
    q.nsidRequested = false;
    q.ecs = false;
    q.cookieLength = 0;
    return notimp ? Status.NOTIMP : Status.FORMERR;
  }

  /** Decodes the question; returns the offset after it, or -1 when it is malformed. */
  private static int parseQuestion(byte[] p, int length, Query q) {
    int pos = Query.QUESTION_OFFSET;
    int nameLength = 0;
    while (true) {
      if (pos >= length) {
        return -1;
      }
      int len = p[pos] & 0xff;
      if (len > 63) {
        return -1; // compression in a question, or an extended label type: not a query
      }
      nameLength += len + 1;
      if (nameLength > 255 || pos + 1 + len > length) {
        return -1;
      }
      pos += 1 + len;
      if (len == 0) {
        break;
      }
    }
    if (pos + 4 > length) {
      return -1;
    }
    byte[] name = q.nameBuffer(nameLength);
    for (int i = 0; i < nameLength; i++) {
      byte b = p[Query.QUESTION_OFFSET + i];
      name[i] = (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
    }
    q.qname = name;
    q.qtype = u16(p, pos);
    q.qclass = u16(p, pos + 2);
    q.questionEnd = pos + 4;
    q.questionParsed = true;
    return pos + 4;
  }

  private static boolean parseOpt(byte[] p, int pos, int rdata, int rdlength, Query q) {
    q.edns = true;
    q.udpPayloadSize = Math.max(512, u16(p, pos + 2));
    q.ednsVersion = p[pos + 5] & 0xff;
    q.dnssecOk = (p[pos + 6] & 0x80) != 0;
    int end = rdata + rdlength;
    for (int o = rdata; o < end; ) {
      if (o + 4 > end) {
        return false;
      }
      int code = u16(p, o);
      int len = u16(p, o + 2);
      if (o + 4 + len > end) {
        return false;
      }
      if (code == OPTION_NSID) {
        q.nsidRequested = true;
      } else if (code == OPTION_ECS && !parseEcs(p, o + 4, len, q)) {
        return false;
      } else if (code == OPTION_COOKIE && !parseCookie(p, o + 4, len, q)) {
        return false;
      }
      o += 4 + len;
    }
    return true;
  }

  /**
   * Decodes an EDNS Client Subnet option (RFC 7871 section 6). Malformed means FORMERR: a second
   * ECS option, a family other than IPv4 or IPv6 (section 7.2.1), a source prefix longer than the
   * family's address, more or fewer address octets than the prefix needs, or address bits set
   * beyond the prefix (section 6).
   */
  private static boolean parseEcs(byte[] p, int data, int len, Query q) {
    if (q.ecs || len < 4) {
      return false;
    }
    int family = u16(p, data);
    int source = p[data + 2] & 0xff;
    int addressBits = family == 1 ? 32 : family == 2 ? 128 : -1;
    int octets = (source + 7) / 8;
    if (addressBits < 0 || source > addressBits || len - 4 != octets) {
      return false;
    }
    java.util.Arrays.fill(q.ecsAddress, (byte) 0);
    System.arraycopy(p, data + 4, q.ecsAddress, 0, octets);
    if (source % 8 != 0 && (q.ecsAddress[octets - 1] & (0xff >>> (source % 8))) != 0) {
      return false;
    }
    q.ecs = true;
    q.ecsFamily = family;
    q.ecsSourcePrefix = source;
    return true;
  }

  /**
   * Keeps a COOKIE option (RFC 7873 section 4). Malformed means FORMERR (section 5.2.2): a client
   * cookie is 8 octets, a server cookie 8 to 32, so the option holds 8, or 16 to 40. Of several,
   * the first counts, as Knot DNS has it.
   */
  private static boolean parseCookie(byte[] p, int data, int len, Query q) {
    if (len < 8 || (len > 8 && len < 16) || len > 40) {
      return false;
    }
    if (q.cookieLength == 0) {
      System.arraycopy(p, data, q.cookie, 0, len);
      q.cookieLength = len;
    }
    return true;
  }

  /** Skips a possibly compressed name; returns the offset after it, or -1. */
  private static int skipName(byte[] p, int length, int pos) {
    for (int labels = 0; labels < 128; labels++) {
      if (pos >= length) {
        return -1;
      }
      int len = p[pos] & 0xff;
      if (len == 0) {
        return pos + 1;
      }
      if ((len & 0xc0) == 0xc0) {
        return pos + 2 <= length ? pos + 2 : -1;
      }
      if (len > 63) {
        return -1;
      }
      pos += 1 + len;
    }
    return -1;
  }

  static int u16(byte[] p, int off) {
    return ((p[off] & 0xff) << 8) | (p[off + 1] & 0xff);
  }
}
