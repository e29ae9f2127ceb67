package net.anycastdns.server.reload;

import net.anycastdns.server.query.ServingState;

/**
 * Told by the {@link Reloader} what it serves: the metrics, the readiness check and the transfers
 * (IXFR history, NOTIFY) listen.
 */
public interface SyncObserver {
  /**
   * {@code next} is about to be published; called before the swap, so that per-zone meters exist by
   * its first query.
   */
  default void publishing(ServingState next) {}

  /**
   * {@code next} is now served, in place of {@code previous}: what changed is visible to every
   * query from now on (the moment to tell secondaries, RFC 1996).
   */
  default void published(ServingState previous, ServingState next) {}

  /** The sync status changed. */
  default void status(SyncStatus status) {}
}
