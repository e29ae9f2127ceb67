package net.anycastdns.server.reload;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.anycastdns.server.config.SafeUrl;
import net.anycastdns.zones.ZoneProblem;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.NetRCCredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * A branch of a git repository ({@code --zones-git URL}), fetched with JGit into a bare repository
 * of our own ({@code --git-dir}); no {@code git} binary and no working tree. Files are read from
 * the object database, so nothing is ever half written on disk, and an unchanged file is known by
 * its blob id without being read.
 *
 * <p>Two refs matter: the branch's head fetched into {@code refs/remotes/origin/BRANCH}, and
 * {@value #SERVED_REF}, the last commit served, which a PoP restarted while the remote is
 * unreachable serves again (and which keeps that commit's objects from garbage collection).
 *
 * <p>Credentials come from where git tools keep them: for https the URL's userinfo or {@code
 * ~/.netrc}; for ssh the keys, {@code ~/.ssh/config} and {@code known_hosts} (through Apache MINA
 * sshd; a host not in {@code known_hosts} is refused). The URL is stored nowhere and shown only
 * through {@link SafeUrl}.
 */
public final class GitZoneSource implements ZoneSource {
  /** The last commit served, for a restart during a git outage. */
  static final String SERVED_REF = "refs/anycast-dns/served";

  /** Seconds a fetch may wait on the remote before it fails (and the served commit stays). */
  private static final int FETCH_TIMEOUT_SECONDS = 60;

  private final Repository repo;
  private final Path gitDir;
  private final SafeUrl url;
  private final String branch;

  /** The zone folder in the commit's tree, without slashes at either end; "" for the root. */
  private final String path;

  private final String trackingRef;
  private final NetRCCredentialsProvider netrc = new NetRCCredentialsProvider();

  private GitZoneSource(Repository repo, Path gitDir, SafeUrl url, String branch, String path) {
    this.repo = repo;
    this.gitDir = gitDir;
    this.url = url;
    this.branch = branch;
    this.path = path;
    this.trackingRef = Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + branch;
  }

  /**
   * Opens the repository in {@code gitDir}, or makes an empty one there; fetches nothing.
   *
   * @param path the zone folder in the repository, "" for its root
   * @throws IOException when {@code gitDir} is neither a repository nor an empty folder, or cannot
   *     be made
   */
  public static GitZoneSource open(String url, String branch, String path, Path gitDir)
      throws IOException {
    if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
      throw new IllegalArgumentException("not a branch name: '" + branch + "'");
    }
    return new GitZoneSource(
        openOrInit(gitDir), gitDir, new SafeUrl(url), branch, trimSlashes(path));
  }

  private static Repository openOrInit(Path dir) throws IOException {
    // JGit measures the file system's timestamp resolution on first use, for the racy-git checks
    // of working trees, and makes the first load wait seconds for it where it cannot keep the
    // result (~/.config/jgit/config). A bare repository does without: measure in the background.
    FS.FileStoreAttributes.setBackground(true);
    File d = dir.toFile();
    if (RepositoryCache.FileKey.isGitRepository(d, FS.DETECTED)) {
      return new FileRepositoryBuilder().setGitDir(d).setMustExist(true).build();
    }
    if (Files.exists(dir) && !isEmptyFolder(dir)) {
      throw new IOException("git-dir " + dir + " is neither a git repository nor an empty folder");
    }
    Repository repo;
    try {
      repo = Git.init().setBare(true).setDirectory(d).call().getRepository();
    } catch (GitAPIException | JGitInternalException e) {
      throw new IOException("cannot make a git repository in " + dir + ": " + e.getMessage(), e);
    }
    StoredConfig config = repo.getConfig();
    // Collect garbage in the reload thread, not in a thread of its own that outlives a fetch.
    config.setBoolean("gc", null, "autoDetach", false);
    config.save();
    return repo;
  }

  private static boolean isEmptyFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static String trimSlashes(String p) {
    String s = p;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  @Override
  public String describe() {
    return url + " branch " + branch + (path.isEmpty() ? "" : " folder " + path);
  }

  /** The URL as it may be shown. */
  public SafeUrl url() {
    return url;
  }

  /** Fetches the branch and returns its head's revision. */
  @Override
  public Revision latest() throws IOException {
    FetchResult result;
    try (Git git = new Git(repo)) {
      // The URL is given to the fetch, not stored as a remote, so that no credential it holds
      // is written to the repository's config.
      result =
          git.fetch()
              .setRemote(url.raw())
              .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + trackingRef))
              .setTagOpt(TagOpt.NO_TAGS)
              .setCredentialsProvider(netrc)
              .setTimeout(FETCH_TIMEOUT_SECONDS)
              .call();
    } catch (GitAPIException | JGitInternalException e) {
      throw new IOException("cannot fetch branch " + branch + " from " + url + ": " + reason(e), e);
    }
    Ref head = repo.exactRef(trackingRef);
    if (head == null) {
      throw new IOException("no branch " + branch + " at " + url);
    }
    TrackingRefUpdate update = result.getTrackingRefUpdate(trackingRef);
    if (update != null && update.getResult() != RefUpdate.Result.NO_CHANGE) {
      // Every fetch that brings objects leaves a pack; months of pushes make thousands, each one
      // more file to look objects up in. gc.auto decides when to repack.
      repo.autoGC(NullProgressMonitor.INSTANCE);
    }
    return revision(head.getObjectId());
  }

  @Override
  public Optional<Revision> lastServed() throws IOException {
    Ref served = repo.exactRef(SERVED_REF);
    return served == null ? Optional.empty() : Optional.of(revision(served.getObjectId()));
  }

  @Override
  public void served(Revision revision) throws IOException {
    RefUpdate u = repo.updateRef(SERVED_REF);
    u.setNewObjectId(ObjectId.fromString(revision.commit()));
    u.setForceUpdate(true);
    RefUpdate.Result r = u.update();
    switch (r) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {}
      default -> throw new IOException("cannot record the commit served in " + gitDir + ": " + r);
    }
  }

  /** The first-parent ancestors of {@code newest}'s commit, newest first. */
  @Override
  public List<Revision> history(Revision newest, int count) throws IOException {
    List<Revision> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(newest.commit()));
      while (out.size() < count && c.getParentCount() > 0) {
        c = walk.parseCommit(c.getParent(0));
        out.add(revision(c.getId()));
      }
    }
    return out;
  }

  /** The files of the zone folder in {@code commitId}. */
  private Revision revision(ObjectId commitId) throws IOException {
    String commit = commitId.name();
    List<SourceFile> files = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(commitId);
      ObjectId tree = c.getTree();
      if (!path.isEmpty()) {
        try (TreeWalk folder = TreeWalk.forPath(repo, path, tree)) {
          if (folder == null || !FileMode.TREE.equals(folder.getRawMode(0))) {
            return new Revision(
                commit,
                commit,
                List.of(),
                List.of(ZoneProblem.error(path, 0, "no folder " + path + " in commit " + commit)));
          }
          tree = folder.getObjectId(0);
        }
      }
      try (TreeWalk tw = new TreeWalk(repo)) {
        tw.addTree(tree);
        tw.setRecursive(false);
        while (tw.next()) {
          int mode = tw.getRawMode(0);
          // Regular files only, as a zone folder is read: no subfolders, and no symbolic links,
          // whose blob is a path of the host the repository knows nothing of.
          if (FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode)) {
            ObjectId blob = tw.getObjectId(0);
            String name = tw.getNameString();
            files.add(
                new SourceFile(
                    name,
                    path.isEmpty() ? name : path + "/" + name,
                    blob.name(),
                    () -> repo.open(blob, Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE)));
          }
        }
      }
    }
    return new Revision(commit, commit, files, List.of());
  }

  /**
   * Why a fetch failed, in one line without credentials: JGit's message, with the innermost cause's
   * when it says more (JGit wraps the transport's reason), and without the URL JGit puts in front,
   * which the caller's message names already.
   */
  private String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    if (root != e && root.getMessage() != null && !m.contains(root.getMessage())) {
      m = m + " (" + root.getMessage() + ")";
    }
    m = url.scrub(m);
    String prefix = url + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  @Override
  public void close() {
    repo.close();
  }
}
