package net.anycastdns.server.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.server.JGitFileSystem;
import net.anycastdns.server.testing.RunningServer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A git remote made in the test, as CI would use one: a bare repository on disk, and a second clone
 * that commits and pushes to it.
 */
final class GitRemote implements AutoCloseable {
  static final String BRANCH = "main";
  private static final PersonIdent CI = new PersonIdent("ci", "ci@example.test");

  private final Path bare;
  private final Path work;
  private final Git git;

  private GitRemote(Path bare, Path work, Git git) {
    this.bare = bare;
    this.work = work;
    this.git = git;
  }

  /** An empty bare repository and a clone of it, both under {@code dir}. */
  static GitRemote create(Path dir) throws GitAPIException {
    JGitFileSystem.measured();
    Path bare = dir.resolve("remote.git");
    Path work = dir.resolve("ci-clone");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(BRANCH).call().close();
    Git git = Git.init().setDirectory(work.toFile()).setInitialBranch(BRANCH).call();
    return new GitRemote(bare, work, git);
  }

  /** The URL a PoP fetches from. */
  String url() {
    return bare.toUri().toString();
  }

  Path barePath() {
    return bare;
  }

  /**
   * Writes these files (path in the repository to text; null deletes the file), commits them and
   * pushes to the bare repository, as CI does.
   *
   * @return the commit id
   */
  /**
   * A server serving this remote's branch, kept in {@code gitDir}, fetching on request only, with
   * {@code moreYaml} lines of configuration.
   */
  RunningServer serve(Path gitDir, String... moreYaml) throws ConfigException {
    return RunningServer.start(
        "zones-git: "
            + url()
            + "\ngit-dir: "
            + gitDir
            + "\ngit-branch: "
            + BRANCH
            + "\n"
            + (Arrays.stream(moreYaml).anyMatch(l -> l.startsWith("git-poll:"))
                ? ""
                : "git-poll: 0s\n")
            + String.join("\n", moreYaml));
  }

  String push(Map<String, String> files) throws IOException, GitAPIException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = work.resolve(f.getKey());
      if (f.getValue() == null) {
        Files.deleteIfExists(p);
        git.rm().addFilepattern(f.getKey()).call();
      } else {
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        git.add().addFilepattern(f.getKey()).call();
      }
    }
    RevCommit c = git.commit().setMessage("zones").setAuthor(CI).setCommitter(CI).call();
    git.push()
        .setRemote(url())
        .setRefSpecs(new RefSpec("refs/heads/" + BRANCH + ":refs/heads/" + BRANCH))
        .setForce(true)
        .call();
    return c.getName();
  }

  @Override
  public void close() {
    git.close();
  }
}
