package net.anycastdns.server.reload;

import net.anycastdns.zones.ZoneSet;

/** Told by the {@link Reloader} what it serves: the metrics and the readiness check listen. */
public interface SyncObserver {
  /**
   * {@code next} is about to be published; called before the swap, so that per-zone meters exist
   * for its first query.
   */
  default void publishing(ZoneSet next) {}

  /** The sync status changed. */
  default void status(SyncStatus status) {}
}
