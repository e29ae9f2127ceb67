package net.anycastdns.sidecar.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.anycastdns.sidecar.health.Announcement;
import net.anycastdns.sidecar.health.HealthPolicy;
import net.anycastdns.sidecar.health.HealthStateMachine;
import net.anycastdns.sidecar.metrics.SidecarMetrics;
import net.anycastdns.sidecar.probe.DnsClient;
import net.anycastdns.sidecar.probe.SelfTest;
import net.anycastdns.sidecar.speaker.Speaker;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import net.anycastdns.sidecar.testing.Probes;
import org.junit.jupiter.api.Test;

/** A bug that escapes the loop still withdraws before the sidecar dies. */
class CrashSafetyTest {

  @Test
  void anUnexpectedExceptionWithdrawsThenPropagates() throws Exception {
    List<Announcement> applied = new CopyOnWriteArrayList<>();
    Speaker buggy =
        new Speaker() {
          private int calls;

          @Override
          public String name() {
            return "buggy";
          }

          @Override
          public void apply(Announcement state) {
            calls++;
            if (calls == 3) {
              throw new IllegalStateException("a bug");
            }
            applied.add(state);
          }
        };
    try (FakeDnsServer server = new FakeDnsServer()) {
      Clock clock = Clock.systemUTC();
      Sidecar sidecar =
          new Sidecar(
              new HealthStateMachine(
                  new HealthPolicy(
                      Duration.ofMillis(30), Duration.ofMillis(10), 1, 1, Duration.ofSeconds(1)),
                  clock),
              new SelfTest(
                  server.address(),
                  List.of(Probes.www("udp")),
                  List.of(),
                  Duration.ofMillis(25),
                  new DnsClient(),
                  clock),
              buggy,
              LoopHarness.PREFIXES,
              new SidecarMetrics(LoopHarness.PREFIXES, "buggy"),
              clock);
      Thread failer =
          new Thread(
              () -> {
                try {
                  LoopHarness.await("announce", () -> applied.contains(Announcement.ANNOUNCED));
                  server.mode(FakeDnsServer.Mode.SERVFAIL);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      failer.start();
      IllegalStateException e = assertThrows(IllegalStateException.class, sidecar::run);
      failer.join();
      assertEquals("a bug", e.getMessage());
      assertEquals(
          List.of(Announcement.WITHDRAWN, Announcement.ANNOUNCED, Announcement.WITHDRAWN),
          applied,
          "the withdrawal at stop came after the failed call");
    }
  }
}
