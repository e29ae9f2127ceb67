package net.anycastdns.server.reload;

import java.util.List;

/**
 * What one sync did, as {@code POST /sync} answers it.
 *
 * @param outcome what happened
 * @param commit the commit served after the sync, or null (a folder, or nothing served)
 * @param candidate the revision the sync looked at: the commit it took or refused (for a folder,
 *     its tree id); null when none could be read
 * @param changes how the zones changed, when the revision was taken
 * @param errors why it was refused or failed, one {@code file:line: message} or reason each
 */
public record SyncResult(
    Outcome outcome, String commit, String candidate, List<String> changes, List<String> errors) {
  /** What a sync did. */
  public enum Outcome {
    /** A new revision was loaded and swapped in. */
    UPDATED,
    /** The revision served is the newest: nothing to do. */
    UNCHANGED,
    /** The newest revision has errors; the one served before keeps serving. */
    REFUSED,
    /** No revision could be had (a fetch failed); what is served stays. */
    FAILED
  }

  public SyncResult {
    changes = List.copyOf(changes);
    errors = List.copyOf(errors);
  }
}
