package net.anycastdns.server.reload;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Where the zone folder comes from: a folder on disk, or a branch of a git repository. */
public interface ZoneSource extends AutoCloseable {
  /** Where the zones come from, for logs; never with credentials. */
  String describe();

  /**
   * The newest revision: the folder as it is now, or the branch's head after a fetch.
   *
   * @throws IOException when there is none to be had (the remote unreachable, the folder gone); its
   *     message says what and where in one line, without credentials
   */
  Revision latest() throws IOException;

  /**
   * The revision this source recorded as served before this process started, if it keeps one: what
   * a PoP restarted during a git outage serves.
   */
  Optional<Revision> lastServed() throws IOException;

  /**
   * Revisions before {@code newest}, newest first, at most {@code count}: for a source that keeps
   * history (git), the commits the zones came through, from which IXFR differences are rebuilt
   * after a restart. None for a folder.
   */
  default List<Revision> history(Revision newest, int count) throws IOException {
    return List.of();
  }

  /** Records that {@code revision} is now served, for {@link #lastServed()} after a restart. */
  void served(Revision revision) throws IOException;

  @Override
  void close();
}
