package net.anycastdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.anycastdns.server.JGitFileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zones from git on the command line: one source of zones, git settings only with a repository,
 * and a clear error when the repository cannot be reached and nothing was served before.
 */
class GitOptionsTest {
  @TempDir Path tmp;

  @BeforeAll
  static void measureTheFileSystemFirst() {
    JGitFileSystem.measured();
  }

  @Test
  void zonesAndZonesGitAreExclusive() {
    assertEquals("serve: --zones and --zones-git are mutually exclusive: give one",
        serve("--zones", tmp.toString(), "--zones-git", "file:///srv/zones.git").lastLine());
  }

  @Test
  void bothInTheConfigFile() throws Exception {
    Path config = Files.writeString(tmp.resolve("serve.yaml"),
        "zones: " + tmp + "\nzones-git: file:///srv/zones.git\n");
    assertEquals("serve: " + config + ": zones and zones-git are mutually exclusive: give one",
        serve("--config", config.toString()).lastLine());
  }

  @Test
  void aFlagWinsOverTheOtherKindInTheFile() throws Exception {
    Path config = Files.writeString(tmp.resolve("serve.yaml"), "zones-git: file:///srv/zones.git\n");
    Result r = serve("--config", config.toString(), "--zones", tmp.resolve("missing").toString());
    assertTrue(r.lastLine().contains("is not a folder"), r.lastLine());
  }

  @Test
  void gitSettingsNeedARepository() {
    assertEquals("serve: git-branch is for zones from git: give --zones-git URL too",
        serve("--zones", tmp.toString(), "--git-branch", "prod").lastLine());
  }

  @Test
  void badSerialPolicy() {
    assertEquals("serve: serial-policy must be strict or warn, not 'lax'",
        serve("--serial-policy", "lax").lastLine());
  }

  @Test
  void badPollInterval() {
    assertTrue(serve("--zones-git", "file:///srv/zones.git", "--git-poll", "often")
        .lastLine().startsWith("serve: git-poll: bad duration 'often'"));
  }

  @Test
  void unreachableRemoteWithNothingServedBefore() {
    String url = tmp.resolve("nowhere.git").toUri().toString();
    Path gitDir = tmp.resolve("pop");
    Result r = serve("--zones-git", url, "--git-dir", gitDir.toString(),
        "--listen", "127.0.0.1:0", "--http", "127.0.0.1:0");
    assertEquals(2, r.status());
    assertTrue(r.lastLine().startsWith("serve: cannot fetch branch main from " + url + ": "), r.lastLine());
    assertTrue(r.lastLine().endsWith("; and " + gitDir + " holds no commit served before to fall back on"),
        r.lastLine());
  }

  @Test
  void credentialsInTheUrlAreNeverShown() {
    Result r = serve("--zones-git", "https://x-access-token:s3cr3t@127.0.0.1:1/zones.git",
        "--git-dir", tmp.resolve("pop").toString(), "--listen", "127.0.0.1:0", "--http", "127.0.0.1:0");
    assertEquals(2, r.status());
    assertTrue(r.lastLine().contains("https://127.0.0.1:1/zones.git"), r.lastLine());
    assertFalse(r.err().contains("s3cr3t"), r.err());
    assertFalse(r.err().contains("x-access-token"), r.err());
  }

  private record Result(int status, String err) {
    String lastLine() {
      String[] lines = err.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Result serve(String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "serve";
    System.arraycopy(options, 0, args, 1, options.length);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int status = Main.run(args);
      return new Result(status, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
    }
  }
}
