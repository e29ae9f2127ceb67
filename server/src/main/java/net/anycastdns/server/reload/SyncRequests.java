package net.anycastdns.server.reload;

import java.util.concurrent.CompletableFuture;

/** Asks for a sync now: what {@code POST /sync} and SIGHUP call. */
@FunctionalInterface
public interface SyncRequests {
  /**
   * Asks for a sync; requests that arrive while one is waiting to run join it.
   *
   * @param trigger what asked, for the log ({@code POST /sync}, {@code SIGHUP})
   * @return completed on the reload thread when the sync is done
   */
  CompletableFuture<SyncResult> sync(String trigger);
}
