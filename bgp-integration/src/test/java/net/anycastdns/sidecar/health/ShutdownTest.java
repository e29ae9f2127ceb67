package net.anycastdns.sidecar.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stop (SIGTERM) withdraws from every phase, and nothing announces afterwards. */
class ShutdownTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      S                 | W               | WITHDRAWN
      + + S             | W A W           | ANNOUNCED
      + + - - S         | W A A A W       | ANNOUNCED
      + + - - - S       | W A A A W W     | WITHDRAWN
      + + D S           | W A G W         | GRACEFUL_SHUTDOWN
      + + D t2000 S     | W A G W W       | WITHDRAWN
      + + - - g S       | W A A A A W     | ANNOUNCED
      """)
  void stopWithdrawsFromEveryPhase(String script, String trace, Announcement from) {
    MachineScript s = new MachineScript(2, 3);
    assertEquals(trace, s.run(script));
    assertEquals(from, s.last().from());
    assertEquals(Announcement.WITHDRAWN, s.last().to());
    assertEquals("stopping (test)", s.last().reason());
  }

  @Test
  void afterStopNothingChangesAndNothingIsScheduled() {
    MachineScript s = new MachineScript(2, 3);
    assertEquals("W A W W W W W", s.run("+ + S + + R S"));
    assertEquals(Phase.STOPPED, s.machine.phase());
    assertTrue(s.machine.nextWakeup().isEmpty());
    assertTrue(s.machine.onDrain().isEmpty());
    assertTrue(s.machine.onStop("again").isEmpty());
  }
}
