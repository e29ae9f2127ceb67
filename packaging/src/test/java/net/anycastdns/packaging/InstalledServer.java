package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code anycast-dns serve} started from the unpacked package on loopback ports of its own, ready
 * once {@code /health/ready} says so; closing it sends SIGTERM, as systemd does.
 */
final class InstalledServer implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  final int port;
  private final Process process;
  private final Path log;

  private InstalledServer(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code serve ARGS --listen 127.0.0.1:PORT --http 127.0.0.1:PORT2} and waits. */
  static InstalledServer start(String... args) throws IOException, InterruptedException {
    int port = freePort();
    int http = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(InstalledPackage.path("/usr/bin/anycast-dns").toString());
    cmd.add("serve");
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--listen", "127.0.0.1:" + port, "--http", "127.0.0.1:" + http));
    Path log = Files.createTempFile("serve", ".log");
    Process process =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    InstalledServer server = new InstalledServer(port, process, log);
    server.awaitReady(http);
    return server;
  }

  private void awaitReady(int http) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(READY_WITHIN);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail("serve exited " + process.exitValue() + ":\n" + log());
      }
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet: ask again.
      }
      Thread.sleep(100);
    }
    close();
    fail("serve not ready within " + READY_WITHIN + ":\n" + log());
  }

  /** What the server logged so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback port free for both TCP and UDP at the time of asking. */
  private static int freePort() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
          DatagramSocket udp =
              new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()))) {
        return tcp.getLocalPort();
      } catch (IOException udpTaken) {
        // The UDP port of that number is in use: try another.
      }
    }
    throw new IOException("no loopback port free for both TCP and UDP");
  }
}
