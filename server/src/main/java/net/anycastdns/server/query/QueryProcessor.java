package net.anycastdns.server.query;

import java.util.concurrent.atomic.LongAdder;
import net.anycastdns.server.wire.Query;
import net.anycastdns.server.wire.QueryParser;
import net.anycastdns.zones.ZoneLookup;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSetHolder;
import net.anycastdns.zones.ZoneSnapshot;
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
   * {@code ws.response()}.
   *
   * @param tcp whether the query came over TCP (no size limit below 64 KiB, full ANY answers)
   * @return the response length, or -1 when the packet is to be dropped without an answer
   */
  public int process(QueryWorkspace ws, int length, boolean tcp) {
    Query q = ws.query;
    byte[] req = ws.request;
    byte[] out = ws.response;
    QueryParser.Status status = QueryParser.parse(req, length, q);
    try {
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
      ZoneSnapshot zone = set.findZone(q.qname());
      if (zone == null) {
        return assembler.error(req, q, Rcode.REFUSED, tcp, ws.writer, out);
      }
      // RFC 8482 section 4.2: ANY gets one RRset over UDP, all of them over TCP.
      ZoneLookup.lookup(zone, q.qname(), qtype, tcp, ws.result);
      // Zone data is the same for every client: ECS scope 0 (RFC 7871 section 7.2.1).
      return assembler.answer(req, q, ws.result, tcp, ws.writer, out, 0);
    } catch (RuntimeException e) {
      internalErrors.increment();
      return assembler.error(req, q, Rcode.SERVFAIL, tcp, ws.writer, out);
    }
  }

  /** Queries that failed inside the server and were answered SERVFAIL. */
  public long internalErrors() {
    return internalErrors.sum();
  }
}
