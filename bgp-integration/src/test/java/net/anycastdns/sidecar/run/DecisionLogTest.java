package net.anycastdns.sidecar.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.anycastdns.sidecar.health.Announcement;
import net.anycastdns.sidecar.health.Decision;
import net.anycastdns.sidecar.speaker.Prefix;
import org.junit.jupiter.api.Test;

/** Each decision is one line per prefix: prefix, old state, new state, reason. */
class DecisionLogTest {

  @Test
  void oneParsableLine() {
    Decision d =
        new Decision(
            Announcement.ANNOUNCED,
            Announcement.WITHDRAWN,
            "3 consecutive failed self-tests (www.example.com./A/udp: answer \"x\")",
            false);
    assertEquals(
        "prefix=2001:db8:53::53/128 old=announced new=withdrawn reason=\"3 consecutive"
            + " failed self-tests (www.example.com./A/udp: answer 'x')\"",
        DecisionLog.line(d, Prefix.parse("2001:db8:53::53/128")));
  }

  @Test
  void theStartHasNoOldState() {
    Decision d = new Decision(null, Announcement.WITHDRAWN, "start", false);
    assertEquals(
        "prefix=192.0.2.53/32 old=unknown new=withdrawn reason=\"start\"",
        DecisionLog.line(d, Prefix.parse("192.0.2.53/32")));
  }
}
