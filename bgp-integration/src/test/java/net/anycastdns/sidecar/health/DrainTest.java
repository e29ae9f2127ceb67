package net.anycastdns.sidecar.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Drain announces with GRACEFUL_SHUTDOWN (RFC 8326) for the drain delay (2 s here), then withdraws;
 * self-tests do not matter until resumed.
 */
class DrainTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      + + D                       | W A G
      + + D t1999                 | W A G G
      + + D t2000                 | W A G W
      + + D t1000 t1000           | W A G G W
      + + D - - - - t2000         | W A G G G G G W
      + + D t2000 + + + +         | W A G W W W W W
      + + D R                     | W A G A
      + + D t2000 R + +           | W A G W W W A
      + + D t2000 R - + +         | W A G W W W W A
      D + + +                     | W W W W
      + + - - - D + +             | W A A A W W W W
      + + D D t2000 D             | W A G G W W
      + + R                       | W A A
      """)
  void drainSequence(String script, String trace) {
    assertEquals(trace, new MachineScript(2, 3).run(script));
  }

  @Test
  void theDrainDecisionNamesTheCommunityAndTheDelay() {
    MachineScript s = new MachineScript(2, 3);
    s.run("+ + D");
    assertEquals(Announcement.ANNOUNCED, s.last().from());
    assertEquals(Announcement.GRACEFUL_SHUTDOWN, s.last().to());
    assertTrue(s.last().reason().contains("65535:0"), s.last().reason());
    assertTrue(s.last().reason().contains("RFC 8326"), s.last().reason());
    assertTrue(s.last().reason().contains("2s"), s.last().reason());
  }

  @Test
  void theMachineWakesUpAtTheEndOfTheDrainDelay() {
    MachineScript s =
        new MachineScript(
            new HealthPolicy(
                Duration.ofSeconds(10), Duration.ofSeconds(5), 2, 3, Duration.ofSeconds(2)));
    s.run("+ + D");
    assertEquals(s.clock.instant().plusSeconds(2), s.machine.nextWakeup().orElseThrow());
    s.run("t2000");
    assertEquals(Phase.DRAINED, s.machine.phase());
  }

  @Test
  void aDrainWithNoDelayWithdrawsAtTheNextTimer() {
    MachineScript s =
        new MachineScript(
            new HealthPolicy(Duration.ofMillis(200), Duration.ofMillis(100), 2, 3, Duration.ZERO));
    assertEquals("W A G W", s.run("+ + D t0"));
  }
}
