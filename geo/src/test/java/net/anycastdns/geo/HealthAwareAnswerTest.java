package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.anycastdns.common.IpLiterals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failed checks take addresses out of the answers: a PoP whose addresses of the queried type are
 * all down is skipped; a PoP with some left answers those. The health state comes from a real
 * {@link HealthTracker} fed results, as the checker would.
 */
class HealthAwareAnswerTest {
  private static final String CONFIG =
      TestGeo.POPS
          + """
      networks:
        - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}
      services:
        www.example.com.:
          addresses:
            fra1: [192.0.2.10, 192.0.2.11, "2001:db8:f::10"]
            iad1: [192.0.2.20]
            sin1: [192.0.2.30, "2001:db8:5::30"]
          check: {tcp: 443, interval: 5s, timeout: 1s, rise: 2, fall: 3}
        unchecked.example.com.:
          addresses:
            fra1: [192.0.2.10]
            iad1: [192.0.2.20]
      """;

  /** Runs three check rounds (fall 3) in which the {@code down} addresses fail. */
  static void failFor(HealthTracker tracker, Set<String> down, long fromRound) {
    for (long round = fromRound; round < fromRound + 3; round++) {
      long now = Duration.ofSeconds(5 * round).toNanos();
      for (CheckTarget t : tracker.startDue(now)) {
        tracker.finish(t, !down.contains(IpLiterals.format(t.address().getAddress())));
      }
    }
  }

  @ParameterizedTest(name = "down [{0}], {1} type {2} -> {3}")
  @CsvSource(
      textBlock =
          """
      -,                          www,       1,  fra1, 192.0.2.10 192.0.2.11
      192.0.2.10,                 www,       1,  fra1, 192.0.2.11
      192.0.2.10 192.0.2.11,      www,       1,  iad1, 192.0.2.20
      192.0.2.10 192.0.2.11,      www,       28, fra1, 2001:db8:f::10
      2001:db8:f::10,             www,       28, sin1, 2001:db8:5::30
      2001:db8:f::10,             www,       1,  fra1, 192.0.2.10 192.0.2.11
      192.0.2.10 192.0.2.11,      unchecked, 1,  fra1, 192.0.2.10
      """)
  void downAddressesAreNotAnswered(
      String down, String service, int qtype, String pop, String answer, @TempDir Path dir) {
    GeoConfig config = TestGeo.load(dir, CONFIG);
    HealthTracker health = new HealthTracker(config.checkTargets(), 0);
    failFor(health, Set.copyOf(TestGeo.words(down)), 0);
    GeoResolver r = GeoResolver.create(config, null, health);
    GeoDecision d =
        r.decide(
            TestGeo.service(r, service + ".example.com."), TestGeo.client("198.51.100.7"), qtype);
    assertEquals(List.of(pop), d.pops());
    assertEquals(TestGeo.words(answer), TestGeo.addresses(d));
    assertFalse(d.failOpen());
  }

  /** A cached decision does not outlive a health change: the generation is part of its key. */
  @Test
  void cachedDecisionsFollowHealthChanges(@TempDir Path dir) {
    GeoConfig config = TestGeo.load(dir, CONFIG);
    HealthTracker health = new HealthTracker(config.checkTargets(), 0);
    GeoResolver r = GeoResolver.create(config, null, health);
    GeoService www = TestGeo.service(r, "www.example.com.");
    ClientSubnet paris = TestGeo.client("198.51.100.0/24");

    assertEquals(List.of("fra1"), r.decide(www, paris, 1).pops());
    failFor(health, Set.of("192.0.2.10", "192.0.2.11"), 0);
    assertEquals(List.of("iad1"), r.decide(www, paris, 1).pops());
    failFor(health, Set.of(), 3);
    assertEquals(List.of("fra1"), r.decide(www, paris, 1).pops());
  }
}
