package net.anycastdns.server.query;

import net.anycastdns.geo.GeoDecision;
import net.anycastdns.server.cookies.ServerCookies;
import net.anycastdns.server.transfer.TransferRequest;
import net.anycastdns.server.tsig.SignedRequest;
import net.anycastdns.server.wire.MessageWriter;
import net.anycastdns.server.wire.Query;
import net.anycastdns.zones.DnssecProofs;
import net.anycastdns.zones.LookupResult;

/**
 * The reusable state of one thread's query processing: buffers, the decoded query, the lookup
 * result and the writer. Owned by one thread at a time, so the query path allocates almost nothing
 * of its own.
 */
public final class QueryWorkspace {
  /** Largest DNS message (TCP's 16-bit length). */
  public static final int MAX_MESSAGE = 65_535;

  final byte[] request = new byte[MAX_MESSAGE];
  final byte[] response = new byte[MAX_MESSAGE];
  final Query query = new Query();
  final LookupResult result = new LookupResult();
  final DnssecProofs proofs = new DnssecProofs();
  final MessageWriter writer = new MessageWriter();

  // For the request checks and rate limiting, reused from query to query.
  final ClientAddress client = new ClientAddress();
  final byte[] cookieScratch = new byte[ServerCookies.SCRATCH];
  final byte[] rrlKey = new byte[ResponseRateLimit.KEY_LENGTH];
  int slipCount;

  /** The apex of the zone the last query was answered from, or null: for rate limiting. */
  byte[] zoneApex;

  // What the last call of QueryProcessor.process decided, set on every path, so that the
  // transport can count the response without decoding it again.
  int rcode;
  int qtype;
  boolean truncated;
  long zoneGeneration;
  int zoneIndex;
  GeoDecision geo;
  int cookie;
  int rrl;

  // The query being processed: its length, the state it is answered from (taken once, and let go
  // when it is answered, so that an idle thread keeps no replaced state alive), its TSIG verdict
  // when it carried one, and the transfer it asks for when it is handed to the transfer threads.
  int length;
  ServingState state;
  SignedRequest tsig;
  TransferRequest transfer;

  /** The buffer a transport copies a received message into. */
  public byte[] request() {
    return request;
  }

  /** The buffer holding the response after {@link QueryProcessor#process}. */
  public byte[] response() {
    return response;
  }

  /** The query last decoded, for tests and observers. */
  public Query query() {
    return query;
  }

  /**
   * The rcode of the last response, with the extended bits of EDNS (16 is BADVERS), or -1 when the
   * packet was dropped without an answer.
   */
  public int rcode() {
    return rcode;
  }

  /** The QTYPE of the last query, or -1 when its question could not be read. */
  public int qtype() {
    return qtype;
  }

  /** True when the last response had TC set: it did not fit and holds only whole RRsets. */
  public boolean truncated() {
    return truncated;
  }

  /**
   * The generation of the zone set the last query was answered from, or -1 when no zone was looked
   * for. A number, not the set: a thread that goes idle must not keep a replaced set alive.
   */
  public long zoneGeneration() {
    return zoneGeneration;
  }

  /**
   * The position of the last query's zone in the zones of that set, or -1 when it was answered from
   * no zone (refused, an error, CHAOS).
   */
  public int zoneIndex() {
    return zoneIndex;
  }

  /**
   * The transfer the last query asked for, when {@link QueryProcessor#process} returned {@link
   * QueryProcessor#TRANSFER}; null otherwise.
   */
  public TransferRequest transfer() {
    return transfer;
  }

  /** The GeoDNS decision the last query was answered with, or null when it was not a geo answer. */
  public GeoDecision geo() {
    return geo;
  }

  /**
   * What the last query's COOKIE option held: {@link CookieCheck#NONE}, {@link
   * CookieCheck#CLIENT_ONLY}, {@link CookieCheck#VALID} or {@link CookieCheck#INVALID}.
   */
  public int cookie() {
    return cookie;
  }

  /**
   * What rate limiting did to the last response: {@link ResponseRateLimit#PASSED}, {@link
   * ResponseRateLimit#DROPPED}, {@link ResponseRateLimit#TRUNCATED} or {@link
   * ResponseRateLimit#BADCOOKIE}.
   */
  public int rrl() {
    return rrl;
  }
}
