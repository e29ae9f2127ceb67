package net.anycastdns.server.monitoring;

import net.anycastdns.zones.ZoneSetHolder;

/**
 * Whether this server should get traffic: it listens and serves at least one zone. A PoP that
 * answers every query REFUSED is up but not ready, so a health check (and later the BGP sidecar)
 * can keep the anycast route away from it.
 */
public final class Readiness {
  private final ZoneSetHolder zones;
  private volatile boolean listening;

  public Readiness(ZoneSetHolder zones) {
    this.zones = zones;
  }

  /** Marks the DNS listeners as bound. */
  public void listening() {
    listening = true;
  }

  /** Why the server is not ready, or null when it is. */
  public String notReadyReason() {
    if (zones.current().zones().isEmpty()) {
      return "no zone loaded";
    }
    if (!listening) {
      return "not listening yet";
    }
    return null;
  }
}
