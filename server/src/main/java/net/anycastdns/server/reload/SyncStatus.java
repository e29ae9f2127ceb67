package net.anycastdns.server.reload;

import java.time.Instant;

/**
 * Where syncing stands, as {@code /health/ready} and the metrics show it.
 *
 * @param commit the commit served, or null (zones from a folder, or nothing served yet)
 * @param lastSuccess when a sync last ended serving the newest revision, or null before
 * @param lastError why the last sync did not, or null when it did: a fetch that failed, or a
 *     revision refused with its problems
 * @param failures syncs that failed or refused a revision, since the start
 */
public record SyncStatus(String commit, Instant lastSuccess, String lastError, long failures) {
  /** Before the first load. */
  public static final SyncStatus NONE = new SyncStatus(null, null, null, 0);

  /** The status after a sync that left {@code commit} served, up to date, at {@code at}. */
  public SyncStatus succeeded(String servedCommit, Instant at) {
    return new SyncStatus(servedCommit, at, null, failures);
  }

  /** The status after a sync that failed for {@code error}; what is served stays. */
  public SyncStatus failed(String error) {
    return new SyncStatus(commit, lastSuccess, error, failures + 1);
  }
}
