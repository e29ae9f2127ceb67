package net.anycastdns.server;

import java.nio.file.Path;
import org.eclipse.jgit.util.FS;

/**
 * JGit measures a file system's timestamp resolution once per JVM; the server has it done in the
 * background (see GitZoneSource), writing a probe file into the git dir meanwhile. A test whose
 * server stops at once would then race JUnit deleting its temporary folder, so git tests have the
 * measurement of the temporary folders' file system done first, here, and waited for.
 */
public final class JGitFileSystem {
  static {
    FS.FileStoreAttributes.setBackground(false);
    FS.FileStoreAttributes.get(Path.of(System.getProperty("java.io.tmpdir")));
  }

  private JGitFileSystem() {}

  /** Returns once the measurement is done (the first call does it). */
  public static void measured() {
    // the static initializer is the work
  }
}
