package net.anycastdns.server.reload;

import java.io.IOException;
import java.util.List;
import net.anycastdns.zones.ZoneProblem;

/**
 * A validation step for the files of a revision beside the zones, run on every load: an error
 * refuses the revision on a reload as a zone error does. The geo module's {@code geo.yaml}
 * validation plugs in here; once its compiled form is served too, it joins the zone set in
 * {@link ServingState}.
 */
@FunctionalInterface
public interface RevisionCheck {
  /**
   * The problems of {@code revision}, naming the file and line ({@link SourceFile#path()}).
   *
   * @throws IOException when a file cannot be read; that refuses the revision
   */
  List<ZoneProblem> check(Revision revision) throws IOException;
}
