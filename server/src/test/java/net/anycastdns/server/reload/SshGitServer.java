package net.anycastdns.server.reload;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A git server over ssh on a loopback port, for the tests: Apache MINA sshd accepting one public
 * key, answering {@code git-upload-pack 'PATH'} (what a fetch runs) with JGit's upload-pack.
 */
final class SshGitServer implements AutoCloseable {
  private final SshServer sshd = SshServer.setUpDefaultServer();

  SshGitServer(Path hostKeyFile, PublicKey allowed) throws IOException {
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(hostKeyFile);
    // An EC key is made in milliseconds; the default RSA key takes seconds.
    hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
    hostKey.setKeySize(256);
    sshd.setKeyPairProvider(hostKey);
    sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(allowed, key));
    sshd.setCommandFactory((CommandFactory) (channel, command) -> new UploadPackCommand(command));
    sshd.start();
  }

  int port() {
    return sshd.getPort();
  }

  /** The {@code known_hosts} line for this server. */
  String knownHostsLine() throws IOException, GeneralSecurityException {
    PublicKey key = sshd.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }

  /** {@code git-upload-pack '/path/to/repo.git'}. */
  private static final class UploadPackCommand extends AbstractCommandSupport {
    UploadPackCommand(String command) {
      super(command, null);
    }

    @Override
    public void run() {
      List<String> words = CommandFactory.split(getCommand());
      if (words.size() != 2 || !words.get(0).equals("git-upload-pack")) {
        onExit(1, "only git-upload-pack here");
        return;
      }
      try (Repository repo =
          new FileRepositoryBuilder()
              .setGitDir(Path.of(words.get(1)).toFile())
              .setMustExist(true)
              .build()) {
        new UploadPack(repo).upload(getInputStream(), getOutputStream(), getErrorStream());
        onExit(0);
      } catch (IOException e) {
        onExit(1, e.toString());
      }
    }
  }
}
