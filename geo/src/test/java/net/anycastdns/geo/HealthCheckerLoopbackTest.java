package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker against real sockets on loopback: fra1's address 127.0.0.1 has a listener, iad1's
 * 127.0.0.2 at the same port has none (refused) until one is opened there. Checks run every 100 ms
 * with rise 2 and fall 2, so each change shows within a fraction of a second.
 */
class HealthCheckerLoopbackTest {
  private static final long PATIENCE_MS = 10_000;

  /** A listening socket that accepts and drops connections, so its backlog never fills. */
  private static final class Listener implements AutoCloseable {
    private final ServerSocket socket;

    Listener(String address, int port) throws IOException {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
      Thread t =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    s.getInputStream().available();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "test-listener-" + address);
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void upAndDownFollowTheListeners(@TempDir Path dir) throws Exception {
    InetAddress fra = InetAddress.getByName("127.0.0.1");
    InetAddress iad = InetAddress.getByName("127.0.0.2");
    Listener first = new Listener("127.0.0.1", 0);
    try {
      GeoConfig config =
          TestGeo.load(
              dir,
              """
          pops:
            fra1: {lat: 50.11, lon: 8.68}
            iad1: {lat: 38.95, lon: -77.45}
          services:
            www.example.com.:
              addresses:
                fra1: [127.0.0.1]
                iad1: [127.0.0.2]
              check: {tcp: %d, interval: 100ms, timeout: 100ms, rise: 2, fall: 2}
          """
                  .formatted(first.port()));
      try (HealthChecker checker = HealthChecker.start(config)) {
        GeoResolver r = GeoResolver.create(config, "iad1", checker);
        GeoService www = TestGeo.service(r, "www.example.com.");

        await("127.0.0.2 refused: iad1 down", () -> !checker.healthy("iad1", iad));
        assertTrue(checker.healthy("fra1", fra), "127.0.0.1 accepts");
        assertEquals(
            List.of("fra1"),
            r.decide(www, ClientSubnet.NONE, 1).pops(),
            "iad1 is local but failing");

        try (Listener second = new Listener("127.0.0.2", first.port())) {
          assertEquals(first.port(), second.port());
          await("a listener on 127.0.0.2: iad1 up", () -> checker.healthy("iad1", iad));
          assertEquals(List.of("iad1"), r.decide(www, ClientSubnet.NONE, 1).pops());

          first.close();
          await("127.0.0.1 closed: fra1 down", () -> !checker.healthy("fra1", fra));
          assertEquals(List.of("iad1"), r.decide(www, ClientSubnet.NONE, 1).pops());
        }
        await("both closed: iad1 down", () -> !checker.healthy("iad1", iad));
        GeoDecision d = r.decide(www, ClientSubnet.NONE, 1);
        assertTrue(d.failOpen());
        assertEquals(List.of("127.0.0.1", "127.0.0.2"), TestGeo.addresses(d));

        try (HealthChecker reloaded = HealthChecker.start(config, checker)) {
          assertFalse(reloaded.healthy("iad1", iad), "a reload keeps what the checks found");
          assertFalse(reloaded.healthy("fra1", fra));
        }
      }
    } finally {
      first.close();
    }
  }

  @Test
  void withoutChecksEverythingIsHealthy(@TempDir Path dir) throws Exception {
    GeoConfig config = TestGeo.load(dir, TestGeo.POPS + TestGeo.WWW);
    try (HealthChecker checker = HealthChecker.start(config)) {
      assertTrue(checker.healthy("fra1", InetAddress.getByName("192.0.2.10")));
      assertEquals(0, checker.generation());
    }
    assertFalse(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("geo-health-checks") && t.isAlive()));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + PATIENCE_MS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not within " + PATIENCE_MS + " ms: " + what);
      }
      Thread.sleep(20);
    }
  }
}
