package net.anycastdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.anycastdns.server.CliTest;
import net.anycastdns.server.JGitFileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zones from git on the command line: one source of zones, git settings only with a repository, and
 * a clear error when the repository cannot be reached and nothing was served before.
 */
class GitOptionsTest {
  private static final String HELP = " (see 'anycast-dns serve --help')";

  @TempDir Path tmp;

  @BeforeAll
  static void measureTheFileSystemFirst() {
    JGitFileSystem.measured();
  }

  @Test
  void zonesAndZonesGitAreExclusive() {
    assertEquals(
        "serve: --zones-git: zones and zones-git are mutually exclusive: give one" + HELP,
        CliTest.serve("--zones", tmp.toString(), "--zones-git", "file:///srv/zones.git")
            .lastErrLine());
  }

  @Test
  void bothInTheConfigFile() throws Exception {
    Path config =
        Files.writeString(
            tmp.resolve("serve.yaml"), "zones: " + tmp + "\nzones-git: file:///srv/zones.git\n");
    assertEquals(
        "serve: " + config + ":2: zones and zones-git are mutually exclusive: give one",
        CliTest.serve("--config", config.toString()).lastErrLine());
  }

  @Test
  void aFlagWinsOverTheOtherKindInTheFile() throws Exception {
    Path config =
        Files.writeString(tmp.resolve("serve.yaml"), "zones-git: file:///srv/zones.git\n");
    CliTest.Run r =
        CliTest.serve("--config", config.toString(), "--zones", tmp.resolve("missing").toString());
    assertTrue(r.lastErrLine().contains("is not a folder"), r.lastErrLine());
  }

  @Test
  void gitSettingsNeedARepository() {
    assertEquals(
        "serve: --git-branch: git-branch is for zones from git: give zones-git too" + HELP,
        CliTest.serve("--zones", tmp.toString(), "--git-branch", "prod").lastErrLine());
  }

  @Test
  void badSerialPolicy() {
    assertEquals(
        "serve: --serial-policy: serial-policy must be strict or warn, not 'lax'" + HELP,
        CliTest.serve("--serial-policy", "lax").lastErrLine());
  }

  @Test
  void badPollInterval() {
    assertTrue(
        CliTest.serve("--zones-git", "file:///srv/zones.git", "--git-poll", "often")
            .lastErrLine()
            .startsWith("serve: --git-poll: git-poll: bad duration 'often'"));
  }

  @Test
  void unreachableRemoteWithNothingServedBefore() {
    String url = tmp.resolve("nowhere.git").toUri().toString();
    Path gitDir = tmp.resolve("pop");
    CliTest.Run r =
        CliTest.serve(
            "--zones-git",
            url,
            "--git-dir",
            gitDir.toString(),
            "--listen",
            "127.0.0.1:0",
            "--http",
            "127.0.0.1:0");
    assertEquals(2, r.status());
    assertTrue(
        r.lastErrLine().startsWith("serve: cannot fetch branch main from " + url + ": "),
        r.lastErrLine());
    assertTrue(
        r.lastErrLine()
            .endsWith("; and " + gitDir + " holds no commit served before to fall back on"),
        r.lastErrLine());
  }

  @Test
  void credentialsInTheUrlAreNeverShown() {
    CliTest.Run r =
        CliTest.serve(
            "--zones-git",
            "https://x-access-token:s3cr3t@127.0.0.1:1/zones.git",
            "--git-dir",
            tmp.resolve("pop").toString(),
            "--listen",
            "127.0.0.1:0",
            "--http",
            "127.0.0.1:0");
    assertEquals(2, r.status());
    assertTrue(r.lastErrLine().contains("https://127.0.0.1:1/zones.git"), r.lastErrLine());
    assertFalse(r.err().contains("s3cr3t"), r.err());
    assertFalse(r.err().contains("x-access-token"), r.err());
  }
}
