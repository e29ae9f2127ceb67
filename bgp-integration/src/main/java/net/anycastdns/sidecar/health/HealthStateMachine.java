package net.anycastdns.sidecar.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides, from self-test outcomes and operator requests, what the BGP speaker announces.
 *
 * <p>Hysteresis as in ExaBGP's healthcheck and anycast-healthchecker: {@code fall} consecutive
 * failures withdraw, {@code rise} consecutive successes announce, so a blip shorter than {@code
 * fall} never withdraws. Self-tests come every {@code interval}, and every {@code fastInterval}
 * while a change is pending. A new sidecar starts withdrawn and announces only after {@code rise}
 * successes, so a sidecar that crashes and is restarted never announces a server it has not tested.
 *
 * <p>The peers guard: when the local test has failed {@code fall} times and most peers fail the
 * same probes, the prefixes stay announced (an alarm decision), since withdrawing every PoP at once
 * turns a bad zone or a bad probe into a total outage.
 *
 * <p>Pure: no I/O, no threads, no sleeps. Time comes from the injected clock; the caller asks
 * {@link #nextWakeup()} when to call {@link #onTimer()} or run the next self-test. Not thread-safe:
 * one thread drives it.
 */
public final class HealthStateMachine {
  private final HealthPolicy policy;
  private final Clock clock;

  private Phase phase = Phase.STARTING;
  private int successes;
  private int failures;
  private boolean guardActive;
  private Instant nextCheckAt;
  private Instant drainDeadline;

  public HealthStateMachine(HealthPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    this.nextCheckAt = clock.instant();
  }

  /**
   * The first decision: withdrawn, whatever the speaker had before (a previous instance may have
   * died while announcing).
   */
  public Decision start() {
    return new Decision(
        null,
        Announcement.WITHDRAWN,
        "start: announce after " + policy.rise() + " consecutive successful self-tests",
        false);
  }

  /** Feeds one self-test outcome; returns the decision it causes, if any. */
  public Optional<Decision> onCheck(CheckOutcome outcome) {
    Optional<Decision> decision =
        switch (phase) {
          case STARTING, DOWN -> rising(outcome);
          case UP -> falling(outcome);
          case DRAINING, DRAINED, STOPPED -> Optional.empty();
        };
    nextCheckAt =
        outcome.startedAt().plus(changePending() ? policy.fastInterval() : policy.interval());
    return decision;
  }

  /**
   * Planned maintenance: announce with GRACEFUL_SHUTDOWN (RFC 8326) so that neighbours move traffic
   * away while this PoP still answers, then withdraw after the drain delay. Self-test results are
   * ignored until {@link #onResume()}.
   */
  public Optional<Decision> onDrain() {
    switch (phase) {
      case UP -> {
        drainDeadline = clock.instant().plus(policy.drainDelay());
        return enter(
            Phase.DRAINING,
            "drain requested: announcing with GRACEFUL_SHUTDOWN 65535:0"
                + " (RFC 8326), withdrawing in "
                + format(policy.drainDelay()),
            false);
      }
      case STARTING, DOWN -> {
        return enter(
            Phase.DRAINED,
            "drain requested while withdrawn: staying withdrawn until resumed",
            false);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** Ends a drain: announced again at once if still draining, else after {@code rise} successes. */
  public Optional<Decision> onResume() {
    switch (phase) {
      case DRAINING -> {
        drainDeadline = null;
        return enter(Phase.UP, "drain cancelled before the withdrawal: announcing normally", false);
      }
      case DRAINED -> {
        return enter(
            Phase.DOWN,
            "drain cancelled: announce after "
                + policy.rise()
                + " consecutive successful self-tests",
            false);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** Acts on time passing: ends the GRACEFUL_SHUTDOWN step of a drain once its delay is over. */
  public Optional<Decision> onTimer() {
    if (phase == Phase.DRAINING && !clock.instant().isBefore(drainDeadline)) {
      drainDeadline = null;
      return enter(
          Phase.DRAINED,
          "drain delay of " + format(policy.drainDelay()) + " over: withdrawing",
          false);
    }
    return Optional.empty();
  }

  /** Stops for good: withdrawn before the process exits, from whatever phase. */
  public Optional<Decision> onStop(String why) {
    if (phase == Phase.STOPPED) {
      return Optional.empty();
    }
    drainDeadline = null;
    Announcement from = phase.announcement();
    phase = Phase.STOPPED;
    return Optional.of(new Decision(from, Announcement.WITHDRAWN, "stopping (" + why + ")", false));
  }

  /**
   * True when the outcome of a failing self-test would decide a withdrawal now, so the caller
   * should ask the peers before reporting it; asking only then keeps peers out of every blip.
   */
  public boolean needsPeerVerdict() {
    return phase == Phase.UP && failures + 1 >= policy.fall();
  }

  /** When to call next: the next self-test or the end of the drain delay; empty once stopped. */
  public Optional<Instant> nextWakeup() {
    if (phase == Phase.STOPPED) {
      return Optional.empty();
    }
    if (drainDeadline != null && drainDeadline.isBefore(nextCheckAt)) {
      return Optional.of(drainDeadline);
    }
    return Optional.of(nextCheckAt);
  }

  /** When the next self-test is due. */
  public Instant nextCheckAt() {
    return nextCheckAt;
  }

  public Phase phase() {
    return phase;
  }

  public Announcement announcement() {
    return phase.announcement();
  }

  /** True while the peers guard keeps the prefixes announced despite local failures. */
  public boolean guardActive() {
    return guardActive;
  }

  public int consecutiveSuccesses() {
    return successes;
  }

  public int consecutiveFailures() {
    return failures;
  }

  private Optional<Decision> rising(CheckOutcome outcome) {
    if (!outcome.healthy()) {
      successes = 0;
      failures++;
      return Optional.empty();
    }
    failures = 0;
    successes++;
    if (successes < policy.rise()) {
      return Optional.empty();
    }
    return enter(
        Phase.UP,
        successes + " consecutive successful self-tests (" + outcome.summary() + ")",
        false);
  }

  private Optional<Decision> falling(CheckOutcome outcome) {
    if (outcome.healthy()) {
      failures = 0;
      successes++;
      if (guardActive) {
        guardActive = false;
        return Optional.of(
            new Decision(
                Announcement.ANNOUNCED,
                Announcement.ANNOUNCED,
                "peers guard released: the local self-test passes again",
                false));
      }
      return Optional.empty();
    }
    successes = 0;
    failures++;
    if (failures < policy.fall()) {
      return Optional.empty();
    }
    if (outcome.peers().faultIsGlobal()) {
      if (guardActive) {
        return Optional.empty();
      }
      guardActive = true;
      return Optional.of(
          new Decision(
              Announcement.ANNOUNCED,
              Announcement.ANNOUNCED,
              "NOT withdrawing: "
                  + failures
                  + " consecutive failed self-tests ("
                  + outcome.summary()
                  + ") but "
                  + outcome.peers()
                  + " the same probes, so the fault is in the data or"
                  + " the probes, not in this PoP; withdrawing would take every PoP down",
              true));
    }
    String peers = outcome.peers().asked() > 0 ? "; " + outcome.peers() : "";
    return enter(
        Phase.DOWN,
        failures + " consecutive failed self-tests (" + outcome.summary() + ")" + peers,
        false);
  }

  private Optional<Decision> enter(Phase next, String reason, boolean alarm) {
    Announcement from = phase.announcement();
    phase = next;
    successes = 0;
    failures = 0;
    guardActive = false;
    return Optional.of(new Decision(from, next.announcement(), reason, alarm));
  }

  private boolean changePending() {
    return switch (phase) {
      case UP -> failures > 0 && !guardActive;
      case STARTING, DOWN -> successes > 0;
      default -> false;
    };
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
