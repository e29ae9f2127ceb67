package net.anycastdns.server.reload;

import java.io.IOException;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.server.config.SourceConfig;

/** Opens the zone source a configuration names: a folder, or a git branch (cloned if need be). */
public final class ZoneSources {
  private ZoneSources() {}

  /**
   * @throws UsageException when a git repository cannot be set up in its folder
   */
  public static ZoneSource open(SourceConfig source) {
    if (source instanceof SourceConfig.Git git) {
      try {
        return GitZoneSource.open(git.url(), git.branch(), git.path(), git.dir());
      } catch (IllegalArgumentException e) {
        throw new UsageException("git-branch: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UsageException("git-dir: " + e.getMessage(), e);
      }
    }
    return new DirectoryZoneSource(((SourceConfig.Folder) source).dir());
  }
}
