package net.anycastdns.server.reload;

/** Told by the {@link Reloader} what it serves: the metrics and the readiness check listen. */
public interface SyncObserver {
  /**
   * {@code next} is about to be published; called before the swap of the zone set, so that per-zone
   * meters exist, and GeoDNS answers for it, by its first query.
   */
  default void publishing(ServingState next) {}

  /** The sync status changed. */
  default void status(SyncStatus status) {}
}
