package net.anycastdns.sidecar.probe;

import java.util.Locale;

/** How one probe went; every value but {@link #OK} fails the probe. */
public enum Verdict {
  OK,
  /** No answer before the timeout. */
  TIMEOUT,
  /** Nothing listens: TCP connection refused, or ICMP port unreachable for UDP. */
  UNREACHABLE,
  /** An answer with another rcode than expected. */
  RCODE,
  /** An answer without the AA bit: the server does not consider itself authoritative. */
  NO_AA,
  /** The answer's records differ from the expected data. */
  DATA,
  /** A right answer, but later than the probe's latency limit. */
  SLOW,
  /** Any other failure: I/O errors, an unparsable answer. */
  ERROR;

  /**
   * True when the server answered and the answer itself is wrong (rcode, AA, data): the kind of
   * fault that a bad zone or a bad probe causes at every PoP alike. Timeouts, unreachable servers
   * and slow answers say something about one server or one path, not about the data, and so are
   * never evidence for the peers guard.
   */
  public boolean wrongAnswer() {
    return this == RCODE || this == NO_AA || this == DATA;
  }

  /** The lowercase name used in logs and metrics. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
