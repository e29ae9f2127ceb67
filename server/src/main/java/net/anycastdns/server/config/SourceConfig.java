package net.anycastdns.server.config;

import java.nio.file.Path;
import java.time.Duration;

/** Where the zone folder comes from: a folder on disk, or a branch of a git repository. */
public sealed interface SourceConfig {
  /**
   * {@code zones: DIR}.
   *
   * @param dir the folder of {@code NAME.zone} files (and {@code geo.yaml})
   */
  record Folder(Path dir) implements SourceConfig {}

  /**
   * {@code zones-git: URL}, with its {@code git-*} settings.
   *
   * @param url the remote, possibly with credentials: show it only through {@code SafeUrl}
   * @param branch the branch served
   * @param path the zone folder inside the repository ("" for its root)
   * @param poll how often to fetch; zero fetches on request only
   * @param dir where the bare clone and the last commit served are kept
   */
  record Git(String url, String branch, String path, Duration poll, Path dir)
      implements SourceConfig {}
}
