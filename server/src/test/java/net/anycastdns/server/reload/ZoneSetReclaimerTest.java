package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where {@code System.gc()} would be a full pause (this test JVM runs without {@code
 * -XX:+ExplicitGCInvokesConcurrent}), a reload asks for no collection; ReplacedZoneSetReclaimedTest
 * shows the other side, in a process with the option. And when Shenandoah is told to aim at a heap
 * too small for it ever to stop collecting.
 */
class ZoneSetReclaimerTest {
  @Test
  void withoutConcurrentExplicitCollectionsNoneIsAsked() {
    assertFalse(ZoneSetReclaimer.forThisJvm().collects());
  }

  @ParameterizedTest(name = "SoftMaxHeapSize {0} MB, largest heap {1} MB: advice {2}")
  @CsvSource({
    // The README's options on a 24 GB machine: an 18 GB heap, 900 MB of it Shenandoah's reserve.
    "800, 18432, true",
    "1023, 18432, true",
    "1024, 18432, false",
    "1200, 18432, false",
    // Plain java on the same machine: a 6 GB heap.
    "100, 6028, true",
    "800, 6028, false",
    // Left at its default, the largest heap.
    "18432, 18432, false",
  })
  void shenandoahAimingBelowAnEighteenthOfTheHeapIsTold(long softMb, long maxMb, boolean advice) {
    assertEquals(advice, ZoneSetReclaimer.shenandoahAdvice(softMb << 20, maxMb << 20) != null);
  }
}
