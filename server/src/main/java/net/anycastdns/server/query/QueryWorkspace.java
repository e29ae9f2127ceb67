package net.anycastdns.server.query;

import net.anycastdns.server.wire.MessageWriter;
import net.anycastdns.server.wire.Query;
import net.anycastdns.zones.LookupResult;

/**
 * The reusable state of one thread's query processing: buffers, the decoded query, the lookup
 * result and the writer. Owned by one thread at a time, so the query path allocates almost
 * nothing of its own.
 */
public final class QueryWorkspace {
  /** Largest DNS message (TCP's 16-bit length). */
  public static final int MAX_MESSAGE = 65_535;

  final byte[] request = new byte[MAX_MESSAGE];
  final byte[] response = new byte[MAX_MESSAGE];
  final Query query = new Query();
  final LookupResult result = new LookupResult();
  final MessageWriter writer = new MessageWriter();

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
}
