package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.server.testing.RunningServer;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code ssh://} remote works as a PoP has it: the key in the ssh folder, the server in {@code
 * known_hosts}; a server not in {@code known_hosts} is refused.
 */
class SshRemoteTest {
  @TempDir Path tmp;
  private Path sshDir;
  private SshdSessionFactory ssh;
  private SshGitServer server;

  @BeforeEach
  void sshServerAndClientKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair client = generator.generateKeyPair();
    sshDir = Files.createDirectories(tmp.resolve("home/.ssh"));
    try (OutputStream out = Files.newOutputStream(sshDir.resolve("id_ecdsa"))) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "pop", null, out);
    }
    server = new SshGitServer(tmp.resolve("host-key"), client.getPublic());
    // The ssh folder of the test, in place of the user's ~/.ssh, which the default factory reads.
    ssh =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(tmp.resolve("home").toFile())
            .setSshDirectory(sshDir.toFile())
            .build(null);
    SshSessionFactory.setInstance(ssh);
  }

  @AfterEach
  void stop() throws Exception {
    SshSessionFactory.setInstance(null);
    ssh.close();
    server.close();
  }

  @Test
  void fetchesOverSshWithKeyAndKnownHost() throws Exception {
    Files.writeString(sshDir.resolve("known_hosts"), server.knownHostsLine() + "\n");
    try (GitRemote remote = GitRemote.create(tmp)) {
      String commit = remote.push(Map.of("example.test.zone", TestZones.zone(1, "v1")));
      try (RunningServer pop =
          RunningServer.start(
              "zones-git: "
                  + url(remote)
                  + "\ngit-dir: "
                  + tmp.resolve("pop")
                  + "\ngit-poll: 0s")) {
        assertEquals("v1", pop.txt("www.example.test."));
        assertEquals(commit, pop.ready().get("commit").asText());

        remote.push(Map.of("example.test.zone", TestZones.zone(2, "v2")));
        pop.sync(200);
        assertEquals("v2", pop.txt("www.example.test."));
      }
    }
  }

  @Test
  void unknownHostIsRefused() throws Exception {
    Files.writeString(sshDir.resolve("known_hosts"), "");
    try (GitRemote remote = GitRemote.create(tmp)) {
      remote.push(Map.of("example.test.zone", TestZones.zone(1, "v1")));
      UsageException e =
          assertThrows(
              UsageException.class,
              () ->
                  RunningServer.start(
                      "zones-git: " + url(remote) + "\ngit-dir: " + tmp.resolve("pop")));
      assertTrue(
          e.getMessage().startsWith("cannot fetch branch main from ssh://127.0.0.1:"),
          e.getMessage());
    }
  }

  private String url(GitRemote remote) {
    return "ssh://git@127.0.0.1:" + server.port() + remote.barePath().toAbsolutePath();
  }
}
