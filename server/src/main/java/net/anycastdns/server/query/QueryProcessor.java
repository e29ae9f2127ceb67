package net.anycastdns.server.query;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import net.anycastdns.geo.ClientSubnet;
import net.anycastdns.geo.GeoDecision;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.geo.GeoService;
import net.anycastdns.server.tsig.Tsig;
import net.anycastdns.server.wire.MessageWriter;
import net.anycastdns.server.wire.Query;
import net.anycastdns.server.wire.QueryParser;
import net.anycastdns.zones.DnssecProofs;
import net.anycastdns.zones.OnlineSigning;
import net.anycastdns.zones.RRset;
import net.anycastdns.zones.ZoneLookup;
import net.anycastdns.zones.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Answers one query message with one response message, whatever the transport, in stages:
 *
 * <ol>
 *   <li>decode ({@link QueryParser}: header, question, OPT; the name lowercased once);
 *   <li>request checks ({@link RequestCheck}s in order: protocol rules, TSIG, NOTIFY received,
 *       cookies, then access lists as they come), which may answer an error or drop the query;
 *   <li>answer: take the {@link ServingState} once (so a reload never tears a query), find the zone
 *       by longest suffix, let GeoDNS answer A and AAAA for its service names, look the rest up
 *       ({@link ZoneLookup}) into a {@link net.anycastdns.zones.LookupResult};
 *   <li>DNSSEC: for a query with the DO bit to a signed zone, the RRSIGs and NSEC/NSEC3 proofs join
 *       the result ({@link DnssecProofs});
 *   <li>assembly ({@link ResponseAssembler}): flags, sections, EDNS, truncation.
 *   <li>rate limiting ({@link ResponseRateLimit}, UDP only): the response made goes, is dropped, or
 *       slips out truncated.
 * </ol>
 *
 * Any unexpected failure becomes SERVFAIL here, the one place that decides it, and is counted and
 * logged ({@link InternalErrors}).
 *
 * <p>Thread-safe; all per-query state lives in the caller's {@link QueryWorkspace}, so the path
 * allocates nothing for an ordinary answer.
 */
public final class QueryProcessor {
  /**
   * What {@link #process} returns for a zone transfer over TCP that may go ahead: the transport
   * hands {@link QueryWorkspace#transfer()} to the transfer threads, which write the answer.
   */
  public static final int TRANSFER = -3;

  private final ServingStateHolder states;
  private final ResponseAssembler assembler;
  private final RequestCheck[] checks;
  private final ResponseRateLimit rateLimit;
  private final InternalErrors internalErrors = new InternalErrors(System::nanoTime);
  private final TransferGate transfers = new TransferGate();
  private final TsigCheck tsig = new TsigCheck();

  /** A processor with the protocol checks only. */
  public QueryProcessor(ServingStateHolder states, ResponseAssembler assembler) {
    this(states, assembler, List.of());
  }

  /**
   * @param checks request checks run after the protocol's own, in this order
   */
  public QueryProcessor(
      ServingStateHolder states, ResponseAssembler assembler, List<RequestCheck> checks) {
    this(states, assembler, checks, null);
  }

  /**
   * @param checks request checks run after the protocol's own, in this order
   * @param rateLimit rate limiting of UDP responses, or null for none
   */
  public QueryProcessor(
      ServingStateHolder states,
      ResponseAssembler assembler,
      List<RequestCheck> checks,
      ResponseRateLimit rateLimit) {
    this.states = states;
    this.rateLimit = rateLimit;
    this.assembler = assembler;
    // TSIG comes right after the protocol rules: every later check, and the answer, may depend on
    // who signed (RFC 8945 section 5.2), and a NOTIFY is answered signed when it was signed.
    RequestCheck[] all = new RequestCheck[checks.size() + 3];
    all[0] = new ProtocolCheck();
    all[1] = tsig;
    all[2] = new NotifyCheck();
    for (int i = 0; i < checks.size(); i++) {
      all[i + 3] = checks.get(i);
    }
    this.checks = all;
  }

  /**
   * Answers the query in {@code ws.request()[0, length)}, writing the response to {@code
   * ws.response()}. Also leaves in {@code ws} what the response was (rcode, qtype, truncation,
   * zone) for the transport to count.
   *
   * @param tcp whether the query came over TCP (no size limit below 64 KiB, full ANY answers)
   * @param client the resolver's address: the client GeoDNS locates when the query has no ECS
   * @return the response length, -1 when the packet is to be dropped without an answer, or {@link
   *     #TRANSFER}
   */
  public int process(QueryWorkspace ws, int length, boolean tcp, InetAddress client) {
    Query q = ws.query;
    byte[] out = ws.response;
    QueryParser.Status status = QueryParser.parse(ws.request, length, q);
    ws.qtype = q.questionParsed() ? q.qtype() : -1;
    ws.zoneGeneration = -1;
    ws.zoneIndex = -1;
    ws.geo = null;
    ws.length = length;
    ws.state = states.current();
    ws.tsig = null;
    ws.transfer = null;
    ws.zoneApex = null;
    ws.cookie = CookieCheck.NONE;
    ws.rrl = ResponseRateLimit.PASSED;
    int n;
    try {
      n = respond(ws, status, tcp, client);
      if (ws.tsig != null && n >= 0) {
        n = sign(ws, n, tcp);
      }
      // The header holds the rcode's low four bits; BADVERS is the one extended rcode sent
      // (its high bits travel in OPT, RFC 6891 section 6.1.3).
      ws.rcode = n < 0 ? -1 : status == QueryParser.Status.BADVERS ? Rcode.BADVERS : out[3] & 0xf;
      if (n >= 0 && !tcp && rateLimit != null) {
        n = rateLimited(ws, n, client);
      }
    } catch (RuntimeException e) {
      internalErrors.failed(e, length);
      n = assembler.error(ws.request, q, Rcode.SERVFAIL, tcp, ws.writer, out);
      ws.rcode = Rcode.SERVFAIL;
    } finally {
      ws.state = null;
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
    for (RequestCheck check : checks) {
      int verdict = check.check(ws, tcp, client);
      if (verdict == RequestCheck.DROP) {
        return -1;
      }
      if (verdict != RequestCheck.PASS) {
        return assembler.error(req, q, verdict, tcp, ws.writer, out);
      }
    }
    if (q.qclass() == DClass.CH) {
      return assembler.chaos(req, q, tcp, ws.writer, out);
    }
    return answer(ws, ws.state, tcp, client);
  }

  /**
   * The signing stage: a request that carried TSIG gets a TSIG record back (RFC 8945 section 5.3),
   * signed or, for an unknown key or a bad signature, without a MAC. A response too long for the
   * record goes out truncated, empty but signed (section 5.3).
   */
  private int sign(QueryWorkspace ws, int n, boolean tcp) {
    int limit = assembler.sizeLimit(ws.query, tcp);
    int signed = Tsig.sign(ws.tsig, ws.response, n, limit);
    if (signed >= 0) {
      return signed;
    }
    int empty =
        assembler.error(ws.request, ws.query, ws.response[3] & 0xf, tcp, ws.writer, ws.response);
    ws.writer.addFlags(MessageWriter.FLAG_TC);
    return Tsig.sign(ws.tsig, ws.response, empty, limit);
  }

  /**
   * The rate-limit stage, for UDP: the response in {@code ws} (of {@code n} octets) goes, is
   * dropped (-1), or is made again as a slip.
   */
  private int rateLimited(QueryWorkspace ws, int n, InetAddress client) {
    ws.rrl = rateLimit.verdict(ws, client);
    switch (ws.rrl) {
      case ResponseRateLimit.PASSED:
        return n;
      case ResponseRateLimit.DROPPED:
        return -1;
      case ResponseRateLimit.BADCOOKIE:
        ws.rcode = Rcode.BADCOOKIE;
        return assembler.error(
            ws.request, ws.query, Rcode.BADCOOKIE, false, ws.writer, ws.response);
      default:
        return assembler.truncated(ws.request, ws.query, ws.rcode, ws.writer, ws.response);
    }
  }

  /** The answer stage: zone data, or a GeoDNS decision, into the workspace's lookup result. */
  private int answer(QueryWorkspace ws, ServingState state, boolean tcp, InetAddress client) {
    Query q = ws.query;
    int qtype = q.qtype();
    // A DS query for a zone's apex goes to its parent when that is served here (RFC 4035 3.1.4.1).
    int index = state.zones().findZoneIndex(q.qname(), qtype);
    ws.zoneGeneration = state.generation();
    ws.zoneIndex = index;
    if (index < 0) {
      return assembler.error(ws.request, q, Rcode.REFUSED, tcp, ws.writer, ws.response);
    }
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      return transfers.answer(ws, index, tcp, client, assembler);
    }
    ZoneSnapshot zone = state.zones().zones().get(index);
    ws.zoneApex = zone.apexName();
    GeoResolver resolver = state.geo();
    GeoService service = resolver == null ? null : resolver.service(q.qname());
    if (service != null
        && qtype != Type.A
        && qtype != Type.AAAA
        && zone.find(q.qname(), 0) == null) {
      // A service name exists even where the zone file has no record of it: other types are
      // NODATA, never NXDOMAIN, which a resolver would apply to the A record too (RFC 8020).
      ZoneLookup.noData(zone, ws.result);
      return assembler.answer(ws.request, q, ws.result, tcp, ws.writer, ws.response, 0);
    }
    if (service != null && (qtype == Type.A || qtype == Type.AAAA)) {
      GeoDecision d = resolver.decide(service, clientOf(q, client), qtype);
      ws.geo = d;
      RRset rrset = RRset.of(q.qname(), qtype, d.ttl(), d.rdata());
      if (q.dnssecOk()) {
        signGeoAnswer(zone, rrset);
      }
      ZoneLookup.answerWith(zone, q.qname(), rrset, ws.result);
      dnssec(ws, zone);
      // The scope says over which addresses this answer holds (RFC 7871 section 7.2.1).
      return assembler.answer(
          ws.request, q, ws.result, tcp, ws.writer, ws.response, q.ecs() ? d.scopePrefix() : 0);
    }
    // RFC 8482 section 4.2: ANY gets one RRset over UDP, all of them over TCP.
    ZoneLookup.lookup(zone, q.qname(), qtype, tcp, ws.result);
    dnssec(ws, zone);
    // Zone data is the same for every client: ECS scope 0 (RFC 7871 section 7.2.1).
    return assembler.answer(ws.request, q, ws.result, tcp, ws.writer, ws.response, 0);
  }

  /**
   * The DNSSEC stage: with the DO bit (RFC 3225), a signed zone's RRSIGs and proofs. Without it,
   * nothing DNSSEC is added (RFC 4035 section 3.1).
   */
  private static void dnssec(QueryWorkspace ws, ZoneSnapshot zone) {
    if (ws.query.dnssecOk()) {
      ws.proofs.addTo(zone, ws.result);
    }
  }

  /**
   * In a zone signed here, the RRSIGs of a GeoDNS answer: signed when the zone and geo.yaml were
   * loaded (or, for an answer set that was not, once on first use), then shared.
   */
  private static void signGeoAnswer(ZoneSnapshot zone, RRset answer) {
    OnlineSigning online = zone.dnssec() == null ? null : zone.dnssec().online();
    if (online != null && answer.size() > 0) {
      online.signAnswer(answer);
    }
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

  /** Transfer requests refused: not allowed, or over UDP. */
  public long transfersRefused() {
    return transfers.refused();
  }

  /** Signed requests answered NOTAUTH (BADKEY, BADSIG, BADTIME). */
  public long tsigErrors() {
    return tsig.failures();
  }

  /** Queries that failed inside the server and were answered SERVFAIL. */
  public long internalErrors() {
    return internalErrors.count();
  }
}
