package net.anycastdns.server.query;

import java.util.concurrent.atomic.LongAdder;
import net.anycastdns.server.wire.MessageWriter;
import net.anycastdns.server.wire.Query;
import net.anycastdns.server.wire.QueryParser;
import net.anycastdns.zones.ZoneLookup;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSetHolder;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Answers one query message with one response message, whatever the transport: decode, take the
 * zone set once (so a reload never tears a query), find the zone by longest suffix, look up,
 * assemble. Any unexpected failure becomes SERVFAIL here, the one place that decides it.
 *
 * <p>Thread-safe; all per-query state lives in the caller's {@link QueryWorkspace}.
 */
public final class QueryProcessor {
  private final ZoneSetHolder zones;
  private final ResponseAssembler assembler;
  private final LongAdder internalErrors = new LongAdder();

  public QueryProcessor(ZoneSetHolder zones, ResponseAssembler assembler) {
    this.zones = zones;
    this.assembler = assembler;
  }

  /**
   * Answers the query in {@code ws.request()[0, length)}, writing the response to
   * {@code ws.response()}. Also leaves in {@code ws} what the response was (rcode, qtype,
   * truncation, zone) for the transport to count.
   *
   * @param tcp whether the query came over TCP (no size limit below 64 KiB, full ANY answers)
   * @return the response length, or -1 when the packet is to be dropped without an answer
   */
  public int process(QueryWorkspace ws, int length, boolean tcp) {
    Query q = ws.query;
    byte[] out = ws.response;
    QueryParser.Status status = QueryParser.parse(ws.request, length, q);
    ws.qtype = q.questionParsed() ? q.qtype() : -1;
    ws.zoneSet = null;
    ws.zoneIndex = -1;
    int n;
    try {
      n = respond(ws, status, tcp);
      // The header holds the rcode's low four bits; BADVERS is the one extended rcode sent
      // (its high bits travel in OPT, RFC 6891 section 6.1.3).
      ws.rcode = n < 0 ? -1 : status == QueryParser.Status.BADVERS ? Rcode.BADVERS : out[3] & 0xf;
    } catch (RuntimeException e) {
      internalErrors.increment();
      n = assembler.error(ws.request, q, Rcode.SERVFAIL, tcp, ws.writer, out);
      ws.rcode = Rcode.SERVFAIL;
    }
    ws.truncated = n >= 0 && (out[2] & (MessageWriter.FLAG_TC >>> 8)) != 0;
    return n;
  }

  private int respond(QueryWorkspace ws, QueryParser.Status status, boolean tcp) {
    Query q = ws.query;
    byte[] req = ws.request;
    byte[] out = ws.response;
    switch (status) {
      case DROP:
        return -1;
      case FORMERR:
        return assembler.error(req, q, Rcode.FORMERR, tcp, ws.writer, out);
      case NOTIMP:
        return assembler.error(req, q, Rcode.NOTIMP, tcp, ws.writer, out);
      case BADVERS:
        return assembler.error(req, q, Rcode.BADVERS, tcp, ws.writer, out);
      default:
        break;
    }
    int qclass = q.qclass();
    if (qclass == DClass.CH) {
      return assembler.chaos(req, q, tcp, ws.writer, out);
    }
    int qtype = q.qtype();
    if (qtype == Type.OPT) {
      return assembler.error(req, q, Rcode.FORMERR, tcp, ws.writer, out);
    }
    // No zone transfers are offered; class IN (and ANY, RFC 1035 3.2.5) is all that is served.
    if ((qclass != DClass.IN && qclass != DClass.ANY) || qtype == Type.AXFR || qtype == Type.IXFR) {
      return assembler.error(req, q, Rcode.REFUSED, tcp, ws.writer, out);
    }
    ZoneSet set = zones.current();
    int index = set.findZoneIndex(q.qname());
    ws.zoneSet = set;
    ws.zoneIndex = index;
    if (index < 0) {
      return assembler.error(req, q, Rcode.REFUSED, tcp, ws.writer, out);
    }
    // RFC 8482 section 4.2: ANY gets one RRset over UDP, all of them over TCP.
    ZoneLookup.lookup(set.zones().get(index), q.qname(), qtype, tcp, ws.result);
    // Zone data is the same for every client: ECS scope 0 (RFC 7871 section 7.2.1).
    return assembler.answer(req, q, ws.result, tcp, ws.writer, out, 0);
  }

  /** Queries that failed inside the server and were answered SERVFAIL. */
  public long internalErrors() {
    return internalErrors.sum();
  }
}
