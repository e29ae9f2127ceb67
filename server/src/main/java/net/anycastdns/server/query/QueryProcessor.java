package net.anycastdns.server.query;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import net.anycastdns.geo.ClientSubnet;
import net.anycastdns.geo.GeoDecision;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.geo.GeoService;
import net.anycastdns.server.wire.MessageWriter;
import net.anycastdns.server.wire.Query;
import net.anycastdns.server.wire.QueryParser;
import net.anycastdns.zones.RRset;
import net.anycastdns.zones.ZoneLookup;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSetHolder;
import net.anycastdns.zones.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Answers one query message with one response message, whatever the transport: decode, take the
 * zone set once (so a reload never tears a query), find the zone by longest suffix, let GeoDNS
 * answer A and AAAA for its service names, look the rest up, assemble. Any unexpected failure
 * becomes SERVFAIL here, the one place that decides it.
 *
 * <p>Thread-safe; all per-query state lives in the caller's {@link QueryWorkspace}.
 */
public final class QueryProcessor {
  private final ZoneSetHolder zones;
  private final GeoResolverHolder geo;
  private final ResponseAssembler assembler;
  private final LongAdder internalErrors = new LongAdder();

  /** A processor without GeoDNS. */
  public QueryProcessor(ZoneSetHolder zones, ResponseAssembler assembler) {
    this(zones, new GeoResolverHolder(), assembler);
  }

  public QueryProcessor(ZoneSetHolder zones, GeoResolverHolder geo, ResponseAssembler assembler) {
    this.zones = zones;
    this.geo = geo;
    this.assembler = assembler;
  }

  /**
   * Answers the query in {@code ws.request()[0, length)}, writing the response to {@code
   * ws.response()}. Also leaves in {@code ws} what the response was (rcode, qtype, truncation,
   * zone) for the transport to count.
   *
   * @param tcp whether the query came over TCP (no size limit below 64 KiB, full ANY answers)
   * @param client the resolver's address: the client GeoDNS locates when the query has no ECS
   * @return the response length, or -1 when the packet is to be dropped without an answer
   */
  public int process(QueryWorkspace ws, int length, boolean tcp, InetAddress client) {
    Query q = ws.query;
    byte[] out = ws.response;
    QueryParser.Status status = QueryParser.parse(ws.request, length, q);
    ws.qtype = q.questionParsed() ? q.qtype() : -1;
    ws.zoneGeneration = -1;
    ws.zoneIndex = -1;
    ws.geo = null;
    int n;
    try {
      n = respond(ws, status, tcp, client);
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

  private int respond(
      QueryWorkspace ws, QueryParser.Status status, boolean tcp, InetAddress client) {
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
    ws.zoneGeneration = set.generation();
    ws.zoneIndex = index;
    if (index < 0) {
      return assembler.error(req, q, Rcode.REFUSED, tcp, ws.writer, out);
    }
    ZoneSnapshot zone = set.zones().get(index);
    GeoResolver resolver = geo.resolverFor(set);
    GeoService service =
        resolver != null && (qtype == Type.A || qtype == Type.AAAA)
            ? resolver.service(q.qname())
            : null;
    if (service != null) {
      GeoDecision d = resolver.decide(service, clientOf(q, client), qtype);
      ws.geo = d;
      RRset rrset = RRset.of(q.qname(), qtype, d.ttl(), d.rdata());
      ZoneLookup.answerWith(zone, q.qname(), rrset, ws.result);
      // The scope says over which addresses this answer holds (RFC 7871 section 7.2.1).
      return assembler.answer(
          req, q, ws.result, tcp, ws.writer, out, q.ecs() ? d.scopePrefix() : 0);
    }
    // RFC 8482 section 4.2: ANY gets one RRset over UDP, all of them over TCP.
    ZoneLookup.lookup(zone, q.qname(), qtype, tcp, ws.result);
    // Zone data is the same for every client: ECS scope 0 (RFC 7871 section 7.2.1).
    return assembler.answer(req, q, ws.result, tcp, ws.writer, out, 0);
  }

  /**
   * The client GeoDNS locates: the subnet of the ECS option when there is one (source prefix 0
   * meaning "use no address", RFC 7871 section 7.1.2), else the resolver itself (section 7.2.1).
   */
  private static ClientSubnet clientOf(Query q, InetAddress resolver) {
    if (!q.ecs()) {
      return ClientSubnet.of(resolver);
    }
    // The parser checked the option and zeroed the address past its octets: the full-length
    // form goes straight to the record, which copies it.
    byte[] address = q.ecsAddress();
    return new ClientSubnet(
        q.ecsFamily(),
        q.ecsFamily() == 1 ? Arrays.copyOf(address, 4) : address,
        q.ecsSourcePrefix());
  }

  /** Queries that failed inside the server and were answered SERVFAIL. */
  public long internalErrors() {
    return internalErrors.sum();
  }
}
