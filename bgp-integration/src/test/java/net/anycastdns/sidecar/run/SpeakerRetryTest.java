package net.anycastdns.sidecar.run;

import static net.anycastdns.sidecar.health.Announcement.ANNOUNCED;
import static net.anycastdns.sidecar.health.Announcement.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import org.junit.jupiter.api.Test;

/**
 * A speaker call that fails is repeated after each self-test until it succeeds, and counted: here
 * the withdrawal at start fails once and is repeated after the first self-test.
 */
class SpeakerRetryTest {

  @Test
  void failedCallsAreRetried() throws Exception {
    try (FakeDnsServer server = new FakeDnsServer();
        LoopHarness h = new LoopHarness(server, new RecordingSpeaker(1), List.of())) {
      LoopHarness.await("announce", () -> h.speaker.last() == ANNOUNCED);
      assertEquals(List.of(WITHDRAWN, ANNOUNCED), h.speaker.applied());
      assertTrue(
          h.metrics
              .scrape()
              .contains("anycast_sidecar_speaker_errors_total{speaker=\"recording\"} 1"),
          h.metrics.scrape());
    }
  }
}
