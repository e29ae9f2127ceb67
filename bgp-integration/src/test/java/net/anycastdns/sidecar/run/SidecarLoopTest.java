package net.anycastdns.sidecar.run;

import static net.anycastdns.sidecar.health.Announcement.ANNOUNCED;
import static net.anycastdns.sidecar.health.Announcement.GRACEFUL_SHUTDOWN;
import static net.anycastdns.sidecar.health.Announcement.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import org.junit.jupiter.api.Test;

/**
 * The running loop, with real time and a real DNS exchange: start withdrawn, announce after rise,
 * withdraw after fall, drain, resume, stop; every step reaches the speaker exactly once.
 */
class SidecarLoopTest {

  @Test
  void aWholeLife() throws Exception {
    try (FakeDnsServer server = new FakeDnsServer();
        LoopHarness h = new LoopHarness(server, new RecordingSpeaker(0), List.of())) {
      LoopHarness.await("announce", () -> h.speaker.last() == ANNOUNCED);
      assertEquals(List.of(WITHDRAWN, ANNOUNCED), h.speaker.applied());

      server.mode(FakeDnsServer.Mode.SERVFAIL);
      LoopHarness.await("withdraw", () -> h.speaker.last() == WITHDRAWN);
      server.mode(FakeDnsServer.Mode.GOOD);
      LoopHarness.await("announce again", () -> h.speaker.last() == ANNOUNCED);

      String reply = h.sidecar.request(Sidecar.Request.DRAIN, "test").get(5, TimeUnit.SECONDS);
      assertTrue(reply.startsWith("announced -> graceful-shutdown: drain requested"), reply);
      assertEquals(GRACEFUL_SHUTDOWN, h.speaker.last());
      long drained = System.nanoTime();
      LoopHarness.await("withdraw after the drain delay", () -> h.speaker.last() == WITHDRAWN);
      assertTrue(
          System.nanoTime() - drained >= Duration.ofMillis(250).toNanos(),
          "the withdrawal waited for the drain delay");

      reply = h.sidecar.request(Sidecar.Request.RESUME, "test").get(5, TimeUnit.SECONDS);
      assertTrue(reply.startsWith("withdrawn -> withdrawn: drain cancelled"), reply);
      LoopHarness.await("announce after resume", () -> h.speaker.last() == ANNOUNCED);

      reply = h.sidecar.request(Sidecar.Request.STOP, "SIGTERM").get(5, TimeUnit.SECONDS);
      assertEquals("announced -> withdrawn: stopping (SIGTERM)", reply);
      assertTrue(h.sidecar.awaitStopped(Duration.ofSeconds(5)));
      assertTrue(h.speaker.closed);
      assertEquals(
          List.of(
              WITHDRAWN,
              ANNOUNCED,
              WITHDRAWN,
              ANNOUNCED,
              GRACEFUL_SHUTDOWN,
              WITHDRAWN,
              ANNOUNCED,
              WITHDRAWN),
          h.speaker.applied());
      assertEquals("stopped", h.sidecar.request(Sidecar.Request.DRAIN, "late").get());
    }
  }

  @Test
  void aBlipBelowFallReachesNoSpeaker() throws Exception {
    try (FakeDnsServer server = new FakeDnsServer();
        LoopHarness h = new LoopHarness(server, new RecordingSpeaker(0), List.of())) {
      LoopHarness.await("announce", () -> h.speaker.last() == ANNOUNCED);
      server.mode(FakeDnsServer.Mode.NO_AA);
      Thread.sleep(40);
      server.mode(FakeDnsServer.Mode.GOOD);
      Thread.sleep(300);
      assertEquals(List.of(WITHDRAWN, ANNOUNCED), h.speaker.applied());
    }
  }
}
