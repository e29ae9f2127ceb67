package net.anycastdns.server.wire;

/**
 * The parts of a query that answering needs, decoded by {@link QueryParser}. One instance is reused
 * by a thread for query after query, so its fields are plain and mutable.
 */
public final class Query {
  /** Offset of the question in a message (after the 12-octet header). */
  public static final int QUESTION_OFFSET = 12;

  int id;
  int flags;
  boolean questionParsed;
  byte[] qname;
  int questionEnd;
  int qtype;
  int qclass;
  boolean edns;
  int udpPayloadSize;
  int ednsVersion;
  boolean dnssecOk;
  boolean nsidRequested;
  boolean ecs;
  int ecsFamily;
  int ecsSourcePrefix;
  final byte[] ecsAddress = new byte[16];
  int tsigStart;
  boolean tsigLast;
  int cookieLength;
  final byte[] cookie = new byte[40];
  int responseCookieLength;
  final byte[] responseCookie = new byte[24];

  /**
   * One array for each name length seen (255 octets at most, RFC 1035 section 2.3.4), reused from
   * query to query, so that decoding a name allocates nothing once a length has been seen; the
   * lookup works on whole arrays, which keeps it free of (array, length) pairs.
   */
  private final byte[][] nameBuffers = new byte[256][];

  /** The reused array for a name of {@code length} octets. */
  byte[] nameBuffer(int length) {
    byte[] b = nameBuffers[length];
    if (b == null) {
      b = new byte[length];
      nameBuffers[length] = b;
    }
    return b;
  }

  void reset() {
    questionParsed = false;
    qname = null;
    edns = false;
    udpPayloadSize = 0;
    ednsVersion = 0;
    dnssecOk = false;
    nsidRequested = false;
    ecs = false;
    tsigStart = -1;
    cookieLength = 0;
    responseCookieLength = 0;
  }

  public int id() {
    return id;
  }

  /** The header's second 16 bits: QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE. */
  public int flags() {
    return flags;
  }

  public int opcode() {
    return (flags >>> 11) & 0xf;
  }

  /** True when the question was decoded (and can be echoed). */
  public boolean questionParsed() {
    return questionParsed;
  }

  /**
   * The query name in lowercase wire format. The array is reused by the next query of a name of the
   * same length: copy what must outlive this query.
   */
  public byte[] qname() {
    return qname;
  }

  /** End offset of the question in the query, so that it can be copied with the client's case. */
  public int questionEnd() {
    return questionEnd;
  }

  public int qtype() {
    return qtype;
  }

  public int qclass() {
    return qclass;
  }

  /** True when the query carried an OPT record (RFC 6891). */
  public boolean edns() {
    return edns;
  }

  /** The requestor's UDP payload size from OPT, at least 512 (RFC 6891 section 6.2.5). */
  public int udpPayloadSize() {
    return udpPayloadSize;
  }

  /** The DO bit (RFC 3225), echoed in the response. */
  public boolean dnssecOk() {
    return dnssecOk;
  }

  /** True when the OPT record held an NSID option (RFC 5001). */
  public boolean nsidRequested() {
    return nsidRequested;
  }

  /** True when the OPT record held an EDNS Client Subnet option (RFC 7871), well formed. */
  public boolean ecs() {
    return ecs;
  }

  /** ECS address family: 1 for IPv4, 2 for IPv6 (RFC 7871 section 6). */
  public int ecsFamily() {
    return ecsFamily;
  }

  /** ECS source prefix length; 0 means "use no client address" (RFC 7871 section 7.1.2). */
  public int ecsSourcePrefix() {
    return ecsSourcePrefix;
  }

  /** True when the message carries a TSIG record (RFC 8945). */
  public boolean tsig() {
    return tsigStart >= 0;
  }

  /**
   * Offset of the TSIG record (its owner name) in the message, or -1; when there are several, the
   * last one.
   */
  public int tsigStart() {
    return tsigStart;
  }

  /** True when the TSIG record is the last record of the message, as RFC 8945 section 5.1 asks. */
  public boolean tsigLast() {
    return tsigLast;
  }

  /**
   * ECS address: the first 4 (IPv4) or 16 (IPv6) octets, zero beyond the source prefix. The array
   * is reused for the next query; copy what must outlive this one.
   */
  public byte[] ecsAddress() {
    return ecsAddress;
  }

  /**
   * Octets of the COOKIE option (RFC 7873 section 4): 0 when the query had none, 8 for a client
   * cookie alone, 16 to 40 with a server cookie. Only the first COOKIE option counts.
   */
  public int cookieLength() {
    return cookieLength;
  }

  /** The COOKIE option's octets: the client cookie, then the server cookie if any. Reused. */
  public byte[] cookie() {
    return cookie;
  }

  /**
   * The COOKIE option to answer with (the client cookie, then our server cookie), filled by the
   * cookie stage, which then sets its length with {@link #answerCookie}.
   */
  public byte[] responseCookie() {
    return responseCookie;
  }

  /** Octets of {@link #responseCookie} to answer with: 0 (none) or 24. */
  public int responseCookieLength() {
    return responseCookieLength;
  }

  /** Answers with the first {@code length} octets of {@link #responseCookie} as COOKIE option. */
  public void answerCookie(int length) {
    responseCookieLength = length;
  }
}
