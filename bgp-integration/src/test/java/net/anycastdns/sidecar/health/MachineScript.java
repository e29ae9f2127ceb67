package net.anycastdns.sidecar.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives a {@link HealthStateMachine} with a fake clock through a script of space-separated steps
 * and records the announcement after each, so that tests read as tables:
 *
 * <ul>
 *   <li>{@code +} a passing self-test, {@code -} a failing one (no peers asked);
 *   <li>{@code g} a failing one where 3 of 3 peers fail too (global fault), {@code l} one where 0
 *       of 3 peers fail (local fault);
 *   <li>{@code D} drain, {@code R} resume, {@code S} stop;
 *   <li>{@code t500} 500 ms pass, then the timer is checked.
 * </ul>
 *
 * Each self-test happens when the machine asked for it ({@link HealthStateMachine#nextCheckAt()}).
 * The trace has one letter per step: {@code W} withdrawn, {@code A} announced, {@code G} graceful
 * shutdown.
 */
final class MachineScript {
  final FakeClock clock = new FakeClock();
  final HealthStateMachine machine;
  final List<Decision> decisions = new ArrayList<>();

  MachineScript(int rise, int fall) {
    this(
        new HealthPolicy(
            Duration.ofMillis(200), Duration.ofMillis(100), rise, fall, Duration.ofSeconds(2)));
  }

  MachineScript(HealthPolicy policy) {
    machine = new HealthStateMachine(policy, clock);
    decisions.add(machine.start());
  }

  /** Runs {@code script}; returns the trace. */
  String run(String script) {
    StringBuilder trace = new StringBuilder();
    for (String step : script.trim().split("\\s+")) {
      record(step(step));
      if (trace.length() > 0) {
        trace.append(' ');
      }
      trace.append(letter(machine.announcement()));
    }
    return trace.toString();
  }

  private Optional<Decision> step(String step) {
    switch (step.charAt(0)) {
      case '+' -> {
        return check(true, PeerVerdict.NONE);
      }
      case '-' -> {
        return check(false, PeerVerdict.NONE);
      }
      case 'g' -> {
        return check(false, new PeerVerdict(3, 3));
      }
      case 'l' -> {
        return check(false, new PeerVerdict(3, 0));
      }
      case 'D' -> {
        return machine.onDrain();
      }
      case 'R' -> {
        return machine.onResume();
      }
      case 'S' -> {
        return machine.onStop("test");
      }
      case 't' -> {
        clock.advance(Duration.ofMillis(Long.parseLong(step.substring(1))));
        return machine.onTimer();
      }
      default -> throw new IllegalArgumentException("bad step " + step);
    }
  }

  private Optional<Decision> check(boolean healthy, PeerVerdict peers) {
    if (clock.instant().isBefore(machine.nextCheckAt())) {
      clock.set(machine.nextCheckAt());
    }
    return machine.onCheck(
        new CheckOutcome(
            clock.instant(),
            healthy,
            healthy ? "all 2 probes pass" : "www.example.com./A/udp: no answer within 100ms",
            peers));
  }

  private void record(Optional<Decision> d) {
    d.ifPresent(decisions::add);
  }

  /** The last decision. */
  Decision last() {
    return decisions.get(decisions.size() - 1);
  }

  static char letter(Announcement a) {
    return switch (a) {
      case WITHDRAWN -> 'W';
      case ANNOUNCED -> 'A';
      case GRACEFUL_SHUTDOWN -> 'G';
    };
  }
}
