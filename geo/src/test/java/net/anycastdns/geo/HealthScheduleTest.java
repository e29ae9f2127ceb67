package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import net.anycastdns.common.IpLiterals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checker's bookkeeping on a made-up clock: when checks are due, when attempts time out, how
 * results move an address between up and down, and what query threads see. Time is in milliseconds
 * from an arbitrary start, turned into nanoseconds as the tracker takes them.
 */
class HealthScheduleTest {
  private static final long T0 = 1_000_000_000L;
  private static final HealthCheck CHECK =
      new HealthCheck(443, Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3);
  private static final CheckTarget A = target("fra1", "192.0.2.10");
  private static final CheckTarget B = target("fra1", "192.0.2.11");

  private static CheckTarget target(String pop, String address) {
    return new CheckTarget(pop, IpLiterals.toInetAddress(IpLiterals.parse(address)), CHECK);
  }

  private static long at(long ms) {
    return T0 + Duration.ofMillis(ms).toNanos();
  }

  /** Which targets start at each instant while every attempt finishes at once. */
  @ParameterizedTest(name = "at {0} ms: {1}")
  @CsvSource(
      textBlock =
          """
      0,     2
      1,     0
      4999,  0
      5000,  2
      9999,  0
      10000, 2
      """)
  void dueOncePerInterval(long ms, int started) {
    HealthTracker t = new HealthTracker(List.of(A, B), at(0));
    for (long step : new long[] {0, 1, 4999, 5000, 9999, 10000}) {
      List<CheckTarget> due = t.startDue(at(step));
      due.forEach(x -> t.finish(x, true));
      if (step == ms) {
        assertEquals(started, due.size());
        return;
      }
    }
  }

  @Test
  void anAttemptInFlightIsNotStartedTwice() {
    HealthTracker t = new HealthTracker(List.of(A), at(0));
    assertEquals(List.of(A), t.startDue(at(0)));
    assertEquals(List.of(), t.startDue(at(6000)), "still in flight");
    t.finish(A, true);
    assertEquals(List.of(A), t.startDue(at(6000)), "overdue, so at once");
  }

  @ParameterizedTest(name = "expired at {0} ms: {1}")
  @CsvSource(
      textBlock =
          """
      999,  false
      1000, true
      """)
  void attemptsExpireAtTheTimeout(long ms, boolean expired) {
    HealthTracker t = new HealthTracker(List.of(A), at(0));
    t.startDue(at(0));
    assertEquals(expired ? List.of(A) : List.of(), t.expired(at(ms)));
  }

  @Test
  void nextEventIsTheEarliestStartOrDeadline() {
    HealthTracker t = new HealthTracker(List.of(A), at(0));
    assertEquals(at(0), t.nextEvent(at(0)));
    t.startDue(at(0));
    assertEquals(at(1000), t.nextEvent(at(0)), "the deadline of the attempt");
    t.finish(A, true);
    assertEquals(at(5000), t.nextEvent(at(0)), "the next start");
  }

  /** Three timeouts in a row (fall 3) take the address down; two connects (rise 2) bring it up. */
  @Test
  void timeoutsAndResultsDriveRiseAndFall() {
    HealthTracker t = new HealthTracker(List.of(A, B), at(0));
    InetAddress a = A.address();
    long generation = t.generation();
    for (int i = 0; i < 3; i++) {
      long start = i * 5000L;
      t.startDue(at(start));
      t.finish(B, true);
      assertTrue(t.healthy("fra1", a), "up before the third failure");
      t.expired(at(start + 1000)).forEach(x -> t.finish(x, false));
    }
    assertFalse(t.healthy("fra1", a));
    assertTrue(t.healthy("fra1", B.address()));
    assertTrue(t.healthy("iad1", a), "the same address at another PoP is another matter");
    assertEquals(generation + 1, t.generation());

    t.startDue(at(15000));
    assertFalse(t.finish(A, true));
    t.finish(B, true);
    assertFalse(t.healthy("fra1", a), "one success is not rise 2");
    t.startDue(at(20000));
    assertTrue(t.finish(A, true));
    assertTrue(t.healthy("fra1", a));
    assertEquals(generation + 2, t.generation());
  }

  /** A replacement tracker (geo.yaml reloaded) starts common targets in their old state. */
  @Test
  void statesCarryOverToAReplacement() {
    HealthTracker old = new HealthTracker(List.of(A, B), at(0));
    for (int i = 0; i < 3; i++) {
      old.startDue(at(i * 5000L)).forEach(x -> old.finish(x, x != A));
    }
    CheckTarget c = target("iad1", "192.0.2.20");
    HealthTracker next = new HealthTracker(List.of(A, c), at(20000), old.states());
    assertFalse(next.healthy("fra1", A.address()), "still down");
    assertTrue(next.healthy("iad1", c.address()), "new: up until checked");
    assertEquals(List.of(A, c), next.startDue(at(20000)), "both checked at once");
  }

  @Test
  void aResultAfterTheTimeoutIsIgnored() {
    HealthTracker t = new HealthTracker(List.of(A), at(0));
    t.startDue(at(0));
    t.expired(at(1000)).forEach(x -> t.finish(x, false));
    assertFalse(t.finish(A, true), "late: the failure stands");
    assertEquals(0, t.generation());
  }
}
