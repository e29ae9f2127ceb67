package net.anycastdns.sidecar.run;

import static net.anycastdns.sidecar.health.Announcement.ANNOUNCED;
import static net.anycastdns.sidecar.health.Announcement.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import org.junit.jupiter.api.Test;

/**
 * With real peers: when the peers answer the same probes wrongly the prefixes stay announced and
 * the metric says so; once the peers answer well again, the local fault withdraws. A local server
 * that does not answer at all is withdrawn whatever the peers say.
 */
class PeerGuardLoopTest {

  @Test
  void aFaultEverywhereKeepsTheAnnouncement() throws Exception {
    try (FakeDnsServer local = new FakeDnsServer();
        FakeDnsServer peer1 = new FakeDnsServer();
        FakeDnsServer peer2 = new FakeDnsServer();
        FakeDnsServer peer3 = new FakeDnsServer();
        LoopHarness h =
            new LoopHarness(
                local,
                new RecordingSpeaker(0),
                List.of(peer1.address(), peer2.address(), peer3.address()))) {
      LoopHarness.await("announce", () -> h.speaker.last() == ANNOUNCED);
      // A bad zone pushed everywhere: the same wrong data at every PoP but one.
      local.mode(FakeDnsServer.Mode.WRONG_DATA);
      peer1.mode(FakeDnsServer.Mode.WRONG_DATA);
      peer2.mode(FakeDnsServer.Mode.WRONG_DATA);
      LoopHarness.await(
          "guard engaged",
          () -> h.metrics.scrape().contains("anycast_sidecar_peer_guard_active 1"));
      Thread.sleep(300);
      assertEquals(List.of(WITHDRAWN, ANNOUNCED), h.speaker.applied());
      String metrics = h.metrics.scrape();
      assertTrue(metrics.contains("anycast_sidecar_peer_guard_engaged_total 1"), metrics);
      assertTrue(
          metrics.contains("anycast_sidecar_announced{prefix=\"192.0.2.53/32\"} 1"), metrics);

      // The other PoPs are fixed; this one is not: now the fault is local.
      peer1.mode(FakeDnsServer.Mode.GOOD);
      peer2.mode(FakeDnsServer.Mode.GOOD);
      LoopHarness.await("withdraw", () -> h.speaker.last() == WITHDRAWN);
      assertTrue(h.metrics.scrape().contains("anycast_sidecar_peer_guard_active 0"));
    }
  }

  @Test
  void aLocalServerThatDoesNotAnswerIsWithdrawnWhateverThePeersSay() throws Exception {
    try (FakeDnsServer local = new FakeDnsServer();
        FakeDnsServer peer1 = new FakeDnsServer();
        FakeDnsServer peer2 = new FakeDnsServer();
        LoopHarness h =
            new LoopHarness(
                local, new RecordingSpeaker(0), List.of(peer1.address(), peer2.address()))) {
      LoopHarness.await("announce", () -> h.speaker.last() == ANNOUNCED);
      peer1.mode(FakeDnsServer.Mode.WRONG_DATA);
      peer2.mode(FakeDnsServer.Mode.WRONG_DATA);
      local.mode(FakeDnsServer.Mode.SILENT);
      LoopHarness.await("withdraw", () -> h.speaker.last() == WITHDRAWN);
      assertFalse(
          h.metrics.scrape().contains("anycast_sidecar_peer_guard_engaged_total"),
          "the guard never engaged");
    }
  }
}
