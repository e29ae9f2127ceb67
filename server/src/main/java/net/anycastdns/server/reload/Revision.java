package net.anycastdns.server.reload;

import java.util.List;
import net.anycastdns.zones.ZoneProblem;

/**
 * The files of the zone folder at one moment: a git commit, or a zone folder as read.
 *
 * @param id what tells revisions apart: the commit id, or for a folder the git tree id of its files
 *     (the same files give the same id)
 * @param commit the commit id, or null for a folder
 * @param files the regular files directly in the zone folder, sorted by name
 * @param problems what kept the revision from being read whole (the zone folder missing from the
 *     commit, a file that could not be read); errors here refuse it like a zone's errors
 */
public record Revision(
    String id, String commit, List<SourceFile> files, List<ZoneProblem> problems) {
  public Revision {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
  }

  /** How logs name it: {@code commit 0123abcd...}, or {@code folder tree 0123abcd...}. */
  public String describe() {
    return commit != null ? "commit " + commit : "folder tree " + id;
  }
}
