package net.anycastdns.server.monitoring;

import net.anycastdns.server.query.ServingStateHolder;
import net.anycastdns.server.reload.SyncObserver;
import net.anycastdns.server.reload.SyncStatus;

/**
 * Whether this server should get traffic: it listens and serves at least one zone. A PoP that
 * answers every query REFUSED is up but not ready, so a health check (and later the BGP sidecar)
 * can keep the anycast route away from it. It also keeps the sync status that {@code /health/ready}
 * shows beside the verdict: a refused commit does not make a PoP unready, since the one before
 * keeps serving, but an operator wants to see it.
 */
public final class Readiness implements SyncObserver {
  private final ServingStateHolder state;
  private volatile boolean listening;
  private volatile SyncStatus sync = SyncStatus.NONE;

  public Readiness(ServingStateHolder state) {
    this.state = state;
  }

  /** Marks the DNS listeners as bound. */
  public void listening() {
    listening = true;
  }

  @Override
  public void status(SyncStatus status) {
    sync = status;
  }

  /** The commit served, the last successful sync and the last error. */
  public SyncStatus sync() {
    return sync;
  }

  /** Why the server is not ready, or null when it is. */
  public String notReadyReason() {
    if (state.current().zones().zones().isEmpty()) {
      return "no zone loaded";
    }
    if (!listening) {
      return "not listening yet";
    }
    return null;
  }
}
