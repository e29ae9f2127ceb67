package net.anycastdns.server.query;

import java.net.InetAddress;
import net.anycastdns.server.monitoring.LogLimiter;
import net.anycastdns.server.wire.Query;
import net.anycastdns.server.wire.QueryParser;
import net.anycastdns.zones.WireName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * Incoming NOTIFY (RFC 1996). This server is the primary of every zone it serves and a secondary of
 * none, so a NOTIFY never triggers anything: for a zone served here it is REFUSED, for any other
 * NOTAUTH (not authoritative), as BIND answers both. Either is an answer the sender understands and
 * stops retrying on (section 3.6), rather than silence it would retry into. Logged at most once per
 * 10 s: a secondary set up the wrong way round sends them on every change.
 */
final class NotifyCheck implements RequestCheck {
  private static final Logger log = LoggerFactory.getLogger("notify");
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final LogLimiter received = new LogLimiter(LOG_INTERVAL_NANOS, System::nanoTime);

  @Override
  public int check(QueryWorkspace ws, boolean tcp, InetAddress client) {
    Query q = ws.query;
    if (q.opcode() != QueryParser.OPCODE_NOTIFY) {
      return PASS;
    }
    boolean served = ws.state.zones().findZoneIndex(q.qname()) >= 0;
    int rcode = served ? Rcode.REFUSED : Rcode.NOTAUTH;
    long unlogged = received.event();
    if (unlogged != LogLimiter.SUPPRESSED) {
      log.info(
          "NOTIFY for {} from {} answered {}: this server is {}, it takes no NOTIFY{}",
          WireName.toString(q.qname()),
          client.getHostAddress(),
          Rcode.string(rcode),
          served ? "the zone's primary" : "not authoritative for it",
          LogLimiter.more(unlogged));
    }
    return rcode;
  }
}
