package net.anycastdns.sidecar.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the local self-test fails and most peers fail the same probes, the fault is not this PoP's:
 * the prefixes stay announced (what would have kept Facebook's DNS up in October 2021).
 */
class PeerGuardTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      + + - - g           | W A A A A
      + + - - g g g g     | W A A A A A A A
      + + - - g g l       | W A A A A A W
      + + - - g g +       | W A A A A A A
      + + - - g + - - l   | W A A A A A A A W
      + + - - l           | W A A A W
      """)
  void globalFaultsKeepTheAnnouncement(String script, String trace) {
    assertEquals(trace, new MachineScript(2, 3).run(script));
  }

  @ParameterizedTest(name = "{1} of {0} peers fail: global {2}")
  @CsvSource({
    "0,0,false",
    "1,1,true",
    "2,1,false",
    "3,2,true",
    "4,2,false",
    "5,3,true",
    "3,1,false"
  })
  void mostMeansMoreThanHalf(int asked, int failing, boolean global) {
    assertEquals(global, new PeerVerdict(asked, failing).faultIsGlobal());
  }

  @Test
  void engagingTheGuardIsOneAlarmDecision() {
    MachineScript s = new MachineScript(2, 3);
    s.run("+ + - - g");
    Decision d = s.last();
    assertTrue(d.alarm());
    assertEquals(Announcement.ANNOUNCED, d.from());
    assertEquals(Announcement.ANNOUNCED, d.to());
    assertFalse(d.changesAnnouncement());
    assertTrue(d.reason().startsWith("NOT withdrawing"), d.reason());
    assertTrue(d.reason().contains("3 of 3 peers fail"), d.reason());
    assertTrue(s.machine.guardActive());
    int before = s.decisions.size();
    s.run("g g");
    assertEquals(before, s.decisions.size(), "no new decision while the guard stays engaged");
  }

  @Test
  void releasingTheGuardIsLogged() {
    MachineScript s = new MachineScript(2, 3);
    s.run("+ + - - g +");
    assertFalse(s.machine.guardActive());
    assertFalse(s.last().alarm());
    assertTrue(s.last().reason().startsWith("peers guard released"), s.last().reason());
  }

  @Test
  void peersAreAskedOnlyWhenAFailureWouldWithdraw() {
    MachineScript s = new MachineScript(2, 3);
    s.run("+");
    assertFalse(s.machine.needsPeerVerdict(), "withdrawn: nothing to guard");
    s.run("+");
    assertFalse(s.machine.needsPeerVerdict(), "announced, no failures yet");
    s.run("-");
    assertFalse(s.machine.needsPeerVerdict(), "one failure: the next one is not the third");
    s.run("-");
    assertTrue(s.machine.needsPeerVerdict(), "the next failure would withdraw");
    s.run("g");
    assertTrue(s.machine.needsPeerVerdict(), "guard engaged: ask every time");
  }
}
