package net.anycastdns.sidecar.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Withdrawing needs {@code fall} consecutive failures. */
class FallTest {

  @ParameterizedTest(name = "fall {0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      1 | + + -         | W A W
      2 | + + - -       | W A A W
      3 | + + - - -     | W A A A W
      3 | + + - - - - - | W A A A W W W
      5 | + + - - - - - | W A A A A A W
      """)
  void fallConsecutiveFailuresWithdraw(int fall, String script, String trace) {
    assertEquals(trace, new MachineScript(2, fall).run(script));
  }

  @Test
  void theWithdrawDecisionSaysWhatFailed() {
    MachineScript s = new MachineScript(2, 3);
    s.run("+ + - - -");
    Decision d = s.last();
    assertEquals(Announcement.ANNOUNCED, d.from());
    assertEquals(Announcement.WITHDRAWN, d.to());
    assertEquals(
        "3 consecutive failed self-tests (www.example.com./A/udp: no answer within" + " 100ms)",
        d.reason());
    assertFalse(d.alarm());
  }

  @Test
  void aWithdrawalWithPeersAskedSaysHowThePeersDid() {
    MachineScript s = new MachineScript(2, 3);
    s.run("+ + - - l");
    assertEquals(Announcement.WITHDRAWN, s.last().to());
    assertEquals(
        "3 consecutive failed self-tests (www.example.com./A/udp: no answer within"
            + " 100ms); 0 of 3 peers fail",
        s.last().reason());
  }
}
