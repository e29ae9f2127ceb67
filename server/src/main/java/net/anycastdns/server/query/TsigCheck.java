package net.anycastdns.server.query;

import java.net.InetAddress;
import net.anycastdns.server.monitoring.LogLimiter;
import net.anycastdns.server.tsig.SignedRequest;
import net.anycastdns.server.tsig.Tsig;
import net.anycastdns.server.wire.Query;
import net.anycastdns.zones.WireName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * Requests that carry a TSIG record (RFC 8945): the record must be the last of the message (FORMERR
 * otherwise, section 5.1); a key this server does not have (BADKEY), a MAC that does not verify
 * (BADSIG) or a time outside the fudge (BADTIME) gets NOTAUTH with a TSIG record saying which
 * (section 5.2), and a good signature lets the request on, to be answered signed. Failures are
 * logged with the client and the name, at most one line per 10 s.
 *
 * <p>A request without TSIG costs one field read; only signed requests are decoded with dnsjava.
 */
final class TsigCheck implements RequestCheck {
  private static final Logger log = LoggerFactory.getLogger("tsig");
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final LogLimiter failures = new LogLimiter(LOG_INTERVAL_NANOS, System::nanoTime);

  @Override
  public int check(QueryWorkspace ws, boolean tcp, InetAddress client) {
    Query q = ws.query;
    if (!q.tsig()) {
      return PASS;
    }
    if (!q.tsigLast()) {
      return Rcode.FORMERR;
    }
    SignedRequest r = Tsig.check(ws.request, ws.length, ws.state.keys());
    if (r == null) {
      return Rcode.FORMERR;
    }
    ws.tsig = r;
    if (r.verified()) {
      return PASS;
    }
    long unlogged = failures.event();
    if (unlogged != LogLimiter.SUPPRESSED) {
      log.warn(
          "TSIG {} from {} for {} (key {}, {}): answered NOTAUTH{}",
          r.errorName(),
          client.getHostAddress(),
          WireName.toString(q.qname()),
          r.record().getName(),
          r.record().getAlgorithm(),
          LogLimiter.more(unlogged));
    }
    return Rcode.NOTAUTH;
  }

  /** Signed requests refused: unknown key, bad signature, bad time. */
  long failures() {
    return failures.count();
  }
}
