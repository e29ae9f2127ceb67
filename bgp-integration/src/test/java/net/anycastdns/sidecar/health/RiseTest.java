package net.anycastdns.sidecar.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Announcing needs {@code rise} consecutive successes, at start and after a withdrawal. */
class RiseTest {

  @ParameterizedTest(name = "rise {0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      1 | +           | A
      2 | +           | W
      2 | + +         | W A
      3 | + + +       | W W A
      2 | - - + +     | W W W A
      2 | + - + +     | W W W A
      3 | + + - + + + | W W W W W A
      2 | - - - -     | W W W W
      """)
  void startAnnouncesOnlyAfterRiseSuccesses(int rise, String script, String trace) {
    assertEquals(trace, new MachineScript(rise, 3).run(script));
  }

  @ParameterizedTest(name = "rise {0}, fall {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      2 | 3 | + + - - - + +     | W A A A W W A
      2 | 1 | + + - + - + +     | W A W W W W A
      3 | 2 | + + + - - + + - + | W W A A W W W W W
      """)
  void afterAWithdrawalRiseSuccessesAnnounceAgain(int rise, int fall, String script, String trace) {
    assertEquals(trace, new MachineScript(rise, fall).run(script));
  }

  @Test
  void theFirstDecisionIsWithdrawnFromUnknown() {
    MachineScript s = new MachineScript(2, 3);
    Decision start = s.decisions.get(0);
    assertNull(start.from());
    assertEquals(Announcement.WITHDRAWN, start.to());
    assertTrue(start.changesAnnouncement());
    assertTrue(start.reason().contains("2 consecutive"), start.reason());
  }

  @Test
  void theAnnounceDecisionSaysWhy() {
    MachineScript s = new MachineScript(2, 3);
    s.run("+ +");
    assertEquals(Announcement.WITHDRAWN, s.last().from());
    assertEquals(Announcement.ANNOUNCED, s.last().to());
    assertEquals("2 consecutive successful self-tests (all 2 probes pass)", s.last().reason());
  }
}
