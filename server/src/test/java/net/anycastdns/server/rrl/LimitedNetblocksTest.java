package net.anycastdns.server.rrl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log of the netblocks being limited: one line as each starts, none while it goes on, one once
 * it has been quiet for the window; a flood from many sources names ten and counts the rest.
 */
class LimitedNetblocksTest {
  private final LimitedNetblocks log = new LimitedNetblocks(50, Duration.ofSeconds(15), 24, 56);

  @Test
  void oneLineAsItStartsAndOneAsItStops() {
    assertEquals(List.of(), log.report(1000));
    log.limited(false, 0xC6336400L, 1000); // 198.51.100.0
    assertEquals(
        List.of("rrl: limiting responses to 198.51.100.0/24 (more than 50 a second of one kind)"),
        log.report(1500));
    for (long t = 2000; t <= 30_000; t += 1000) {
      log.limited(false, 0xC6336400L, t);
      assertEquals(List.of(), log.report(t + 500), "nothing while it goes on");
    }
    assertEquals(List.of(), log.report(45_000), "quiet for less than the window");
    assertEquals(
        List.of("rrl: no longer limiting responses to 198.51.100.0/24 (limited for 29 s)"),
        log.report(45_001));
    assertEquals(List.of(), log.report(46_000));
  }

  @Test
  void ipv6NetblocksAreShownWithTheirPrefix() {
    log.limited(true, 0x20010db800123400L, 1000);
    assertEquals(
        List.of(
            "rrl: limiting responses to 2001:db8:12:3400::/56 (more than 50 a second of one kind)"),
        log.report(1000));
  }

  @Test
  void aFloodFromManyNetblocksNamesTenAndCountsTheRest() {
    for (long n = 0; n < 300; n++) {
      log.limited(false, (0x0A000000L + (n << 8)), 1000);
    }
    List<String> lines = log.report(1000);
    assertEquals(11, lines.size());
    String last = lines.get(10);
    int listed = Integer.parseInt(last.replaceAll("\\D+", " ").trim().split(" ")[0]);
    assertEquals(
        "rrl: limiting responses to " + listed + " more netblocks", last, "a summary line");
    List<String> stops = log.report(17_000);
    assertEquals(11, stops.size());
    assertEquals(
        "rrl: no longer limiting responses to " + listed + " more netblocks", stops.get(10));
  }
}
