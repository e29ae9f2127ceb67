package net.anycastdns.sidecar.run;

import java.util.List;
import net.anycastdns.sidecar.health.Decision;
import net.anycastdns.sidecar.speaker.Prefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every decision as one line per prefix, easy to grep and to parse: {@code
 * prefix=192.0.2.53/32 old=announced new=withdrawn reason="3 consecutive failed ..."}. Withdrawals
 * are WARN, peers-guard alarms ERROR, the rest INFO.
 */
final class DecisionLog {
  private static final Logger LOG = LoggerFactory.getLogger("decision");

  private DecisionLog() {}

  static void log(Decision d, List<Prefix> prefixes) {
    for (Prefix p : prefixes) {
      String line = line(d, p);
      if (d.alarm()) {
        LOG.error(line);
      } else if (d.from() != null && d.from().announced() && !d.to().announced()) {
        LOG.warn(line);
      } else {
        LOG.info(line);
      }
    }
  }

  static String line(Decision d, Prefix p) {
    String from = d.from() == null ? "unknown" : d.from().label();
    return "prefix="
        + p
        + " old="
        + from
        + " new="
        + d.to().label()
        + " reason=\""
        + d.reason().replace("\"", "'")
        + "\"";
  }
}
