package net.anycastdns.server.query;

import java.net.InetAddress;
import java.util.Arrays;
import net.anycastdns.server.config.TransferPolicy;
import net.anycastdns.server.monitoring.LogLimiter;
import net.anycastdns.server.transfer.TransferRequest;
import net.anycastdns.server.tsig.TsigKey;
import net.anycastdns.server.wire.Query;
import net.anycastdns.zones.ZoneLookup;
import net.anycastdns.zones.ZoneSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The answer stage for AXFR and IXFR: decides whether a transfer may go ahead, and answers what
 * needs no transfer thread.
 *
 * <ul>
 *   <li>A name inside a zone but not its apex: NOTAUTH (RFC 5936 section 2.2.1).
 *   <li>A client whose address and key match no {@code transfer allow} rule of the zone: REFUSED,
 *       logged at most once per 10 s.
 *   <li>AXFR over UDP: REFUSED (RFC 5936 section 4.2 defines AXFR over TCP only).
 *   <li>IXFR over UDP: our SOA alone, which tells a current client it is current and any other to
 *       ask again over TCP (RFC 1995 section 2).
 *   <li>Otherwise over TCP: handed to the transfer threads ({@link QueryProcessor#TRANSFER}).
 * </ul>
 */
final class TransferGate {
  private static final Logger log = LoggerFactory.getLogger("transfer");
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final LogLimiter refusals = new LogLimiter(LOG_INTERVAL_NANOS, System::nanoTime);

  int answer(
      QueryWorkspace ws, int index, boolean tcp, InetAddress client, ResponseAssembler assembler) {
    Query q = ws.query;
    ZoneSnapshot zone = ws.state.zones().zones().get(index);
    boolean ixfr = q.qtype() == Type.IXFR;
    if (!Arrays.equals(q.qname(), zone.apexName())) {
      return assembler.error(ws.request, q, Rcode.NOTAUTH, tcp, ws.writer, ws.response);
    }
    TransferPolicy policy = ws.state.policy(index).transfer();
    TsigKey key = ws.tsig == null ? null : ws.tsig.verifiedKey();
    boolean udpAxfr = !tcp && !ixfr;
    if (udpAxfr || !policy.allows(client.getAddress(), key)) {
      long unlogged = refusals.event();
      if (unlogged != LogLimiter.SUPPRESSED) {
        log.warn(
            "{} of {} refused to {} ({}): {}{}",
            ixfr ? "IXFR" : "AXFR",
            zone.origin(),
            client.getHostAddress(),
            key == null ? "unsigned" : "key " + key.name(),
            udpAxfr ? "AXFR is not served over UDP" : "no transfer allow rule matches",
            LogLimiter.more(unlogged));
      }
      return assembler.error(ws.request, q, Rcode.REFUSED, tcp, ws.writer, ws.response);
    }
    if (!tcp) {
      ZoneLookup.answerWith(zone, q.qname(), zone.soa(), ws.result);
      return assembler.answer(ws.request, q, ws.result, false, ws.writer, ws.response, 0);
    }
    ws.transfer =
        new TransferRequest(zone, ixfr, Arrays.copyOf(ws.request, ws.length), ws.tsig, client);
    return QueryProcessor.TRANSFER;
  }

  /** Transfers refused. */
  long refused() {
    return refusals.count();
  }
}
