package net.anycastdns.sidecar.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Self-tests come every interval (200 ms here), and every fast interval (100 ms) while a change is
 * pending, counted from the start of the previous self-test.
 */
class CheckPacingTest {

  @ParameterizedTest(name = "after {0}: next in {1} ms")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      -               | 200
      +               | 100
      + +             | 200
      + + -           | 100
      + + - -         | 100
      + + - +         | 200
      + + - - -       | 200
      + + - - - +     | 100
      + + - - g       | 200
      + + D -         | 200
      """)
  void nextCheck(String script, long millis) {
    MachineScript s = new MachineScript(2, 3);
    s.run(script);
    Instant lastCheck = s.clock.instant();
    assertEquals(lastCheck.plus(Duration.ofMillis(millis)), s.machine.nextCheckAt());
  }

  @Test
  void theFirstCheckIsDueAtOnce() {
    MachineScript s = new MachineScript(2, 3);
    assertEquals(s.clock.instant(), s.machine.nextWakeup().orElseThrow());
  }
}
