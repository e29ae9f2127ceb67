package net.anycastdns.sidecar.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import net.anycastdns.sidecar.health.HealthPolicy;
import net.anycastdns.sidecar.health.HealthStateMachine;
import net.anycastdns.sidecar.metrics.SidecarMetrics;
import net.anycastdns.sidecar.probe.DnsClient;
import net.anycastdns.sidecar.probe.SelfTest;
import net.anycastdns.sidecar.speaker.Prefix;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import net.anycastdns.sidecar.testing.Probes;

/**
 * A real {@link Sidecar} on its own thread, probing a {@link FakeDnsServer} every 50 ms (25 ms
 * while a change is pending), rise 2, fall 3, drain delay 300 ms.
 */
final class LoopHarness implements AutoCloseable {
  static final List<Prefix> PREFIXES =
      List.of(Prefix.parse("192.0.2.53/32"), Prefix.parse("2001:db8:53::53/128"));

  final FakeDnsServer server;
  final RecordingSpeaker speaker;
  final SidecarMetrics metrics = new SidecarMetrics(PREFIXES, "recording");
  final Sidecar sidecar;
  private final Thread thread;

  LoopHarness(FakeDnsServer server, RecordingSpeaker speaker, List<InetSocketAddress> peers) {
    this.server = server;
    this.speaker = speaker;
    Clock clock = Clock.systemUTC();
    HealthStateMachine machine =
        new HealthStateMachine(
            new HealthPolicy(
                Duration.ofMillis(50), Duration.ofMillis(25), 2, 3, Duration.ofMillis(300)),
            clock);
    SelfTest test =
        new SelfTest(
            server.address(),
            List.of(
                Probes.www("udp"),
                Probes.probe("example.com.", "SOA", "tcp", "NOERROR", null, null)),
            peers,
            Duration.ofMillis(40),
            new DnsClient(),
            clock);
    sidecar = new Sidecar(machine, test, speaker, PREFIXES, metrics, clock);
    thread = new Thread(sidecar::run, "sidecar-under-test");
    thread.start();
  }

  /** Polls {@code condition} for up to 5 s. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    sidecar.request(Sidecar.Request.STOP, "test over");
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
