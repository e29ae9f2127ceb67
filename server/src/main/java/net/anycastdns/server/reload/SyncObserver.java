package net.anycastdns.server.reload;

import net.anycastdns.server.query.ServingState;

/** Told by the {@link Reloader} what it serves: the metrics and the readiness check listen. */
public interface SyncObserver {
  /**
   * {@code next} is about to be published; called before the swap, so that per-zone meters exist by
   * its first query.
   */
  default void publishing(ServingState next) {}

  /** The sync status changed. */
  default void status(SyncStatus status) {}
}
