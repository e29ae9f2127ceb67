package net.anycastdns.sidecar.health;

/**
 * One decision of the state machine, logged as one line per prefix.
 *
 * @param from the announcement before, or {@code null} at start (whatever a previous run, or a
 *     previous instance that died, left in the speaker is unknown)
 * @param to the announcement the speaker must now have
 * @param reason why, in words for the operator
 * @param alarm true for decisions an operator must look at now (the peers guard engaging)
 */
public record Decision(Announcement from, Announcement to, String reason, boolean alarm) {

  /** True when the speaker's announcement changes (or is unknown before). */
  public boolean changesAnnouncement() {
    return from != to;
  }
}
