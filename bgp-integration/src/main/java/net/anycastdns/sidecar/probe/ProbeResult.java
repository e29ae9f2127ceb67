package net.anycastdns.sidecar.probe;

import java.time.Duration;
import java.util.Optional;

/**
 * How one probe went against one server.
 *
 * @param probe the probe
 * @param verdict {@link Verdict#OK} or why it failed
 * @param latency from sending the query to the answer; empty when no answer came
 * @param detail what was wrong, for the operator (empty when OK)
 */
public record ProbeResult(Probe probe, Verdict verdict, Optional<Duration> latency, String detail) {

  public boolean ok() {
    return verdict == Verdict.OK;
  }

  /** One phrase for logs: {@code www.example.com./A/tcp: rcode SERVFAIL, expected NOERROR}. */
  public String describe() {
    String time = latency.map(l -> " in " + millis(l)).orElse("");
    return ok() ? probe.label() + ": ok" + time : probe.label() + ": " + detail;
  }

  static String millis(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fms", d.toNanos() / 1e6);
  }
}
