package net.anycastdns.sidecar.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.anycastdns.sidecar.health.Announcement;
import net.anycastdns.sidecar.health.CheckOutcome;
import net.anycastdns.sidecar.health.Decision;
import net.anycastdns.sidecar.health.HealthStateMachine;
import net.anycastdns.sidecar.health.PeerVerdict;
import net.anycastdns.sidecar.metrics.SidecarMetrics;
import net.anycastdns.sidecar.probe.PeerResults;
import net.anycastdns.sidecar.probe.SelfTest;
import net.anycastdns.sidecar.probe.SelfTestResult;
import net.anycastdns.sidecar.speaker.Prefix;
import net.anycastdns.sidecar.speaker.Speaker;
import net.anycastdns.sidecar.speaker.SpeakerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's one working thread: self-tests when the state machine wants them, feeds it the
 * outcomes and operator requests, and applies its decisions to the speaker. Other threads (the HTTP
 * endpoint, the SIGTERM hook, ExaBGP's reader) only queue requests, so the state machine and the
 * speaker are only ever touched here.
 *
 * <p>A speaker call that fails leaves the speaker's state unknown; the call is repeated after every
 * self-test until it succeeds.
 */
public final class Sidecar {
  private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);

  /** What other threads may ask for. */
  public enum Request {
    DRAIN,
    RESUME,
    STOP
  }

  private record Command(Request request, String why, CompletableFuture<String> reply) {}

  private final HealthStateMachine machine;
  private final SelfTest selfTest;
  private final Speaker speaker;
  private final List<Prefix> prefixes;
  private final SidecarMetrics metrics;
  private final Clock clock;
  private final LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private final CountDownLatch finished = new CountDownLatch(1);

  /** What the speaker was last told successfully; null when unknown. */
  private Announcement applied;

  private Boolean lastHealthy;

  public Sidecar(
      HealthStateMachine machine,
      SelfTest selfTest,
      Speaker speaker,
      List<Prefix> prefixes,
      SidecarMetrics metrics,
      Clock clock) {
    this.machine = machine;
    this.selfTest = selfTest;
    this.speaker = speaker;
    this.prefixes = List.copyOf(prefixes);
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Runs until a {@link Request#STOP}; the prefixes are withdrawn when it returns. A bug that
   * escapes as an exception withdraws too before it is rethrown: a sidecar that cannot decide must
   * not leave the prefixes announced.
   */
  public void run() {
    try {
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      machine.onStop("interrupted").ifPresent(d -> decide(d, true));
    } catch (RuntimeException e) {
      LOG.error("internal error, withdrawing and stopping", e);
      try {
        machine.onStop("internal error: " + e).ifPresent(d -> decide(d, true));
      } catch (RuntimeException again) {
        LOG.error("the withdrawal failed too", again);
      }
      throw e;
    } finally {
      speaker.close();
      selfTest.close();
      finished.countDown();
      for (Command c; (c = commands.poll()) != null; ) {
        c.reply().complete("stopped");
      }
    }
  }

  private void loop() throws InterruptedException {
    decide(machine.start(), false);
    Optional<Instant> wake;
    while ((wake = machine.nextWakeup()).isPresent()) {
      long wait = Duration.between(clock.instant(), wake.get()).toMillis();
      Command command = wait > 0 ? commands.poll(wait, TimeUnit.MILLISECONDS) : commands.poll();
      if (command != null) {
        handle(command);
        continue;
      }
      machine.onTimer().ifPresent(d -> decide(d, false));
      if (!clock.instant().isBefore(machine.nextCheckAt())) {
        check();
      }
    }
  }

  /** Queues a request for the working thread; the future completes with what it did. */
  public CompletableFuture<String> request(Request request, String why) {
    CompletableFuture<String> reply = new CompletableFuture<>();
    if (finished.getCount() == 0) {
      reply.complete("stopped");
      return reply;
    }
    commands.add(new Command(request, why, reply));
    return reply;
  }

  /** Waits for {@link #run()} to return (after a stop); false on timeout. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void handle(Command c) {
    Optional<Decision> d =
        switch (c.request()) {
          case DRAIN -> machine.onDrain();
          case RESUME -> machine.onResume();
          case STOP -> machine.onStop(c.why());
        };
    d.ifPresent(x -> decide(x, c.request() == Request.STOP));
    c.reply()
        .complete(
            d.map(x -> transition(x) + ": " + x.reason())
                .orElse(
                    "nothing to do ("
                        + machine.phase().name().toLowerCase(java.util.Locale.ROOT)
                        + ", "
                        + machine.announcement().label()
                        + ")"));
  }

  private void check() {
    SelfTestResult result = selfTest.run();
    metrics.selfTest(result);
    if (lastHealthy == null || lastHealthy != result.healthy()) {
      if (result.healthy()) {
        LOG.info("self-test passes: {}", result.summary());
      } else {
        LOG.warn("self-test fails: {}", result.summary());
      }
      lastHealthy = result.healthy();
    }
    PeerVerdict peers = PeerVerdict.NONE;
    if (!result.healthy() && selfTest.hasPeers() && machine.needsPeerVerdict()) {
      if (result.failedOnlyByWrongAnswers()) {
        PeerResults fromPeers = selfTest.checkPeers(result.failedProbes());
        metrics.peers(fromPeers);
        peers = fromPeers.verdict();
        LOG.info("asked the peers about the failed probes: {}", peers);
      } else {
        LOG.info(
            "not asking the peers: the local server did not answer, or answered too slowly,"
                + " which is this PoP's fault");
      }
    }
    machine
        .onCheck(new CheckOutcome(result.startedAt(), result.healthy(), result.summary(), peers))
        .ifPresent(d -> decide(d, false));
    metrics.counters(
        machine.consecutiveFailures(), machine.consecutiveSuccesses(), machine.guardActive());
    if (applied != machine.announcement()) {
      apply(machine.announcement());
    }
  }

  private void decide(Decision d, boolean force) {
    DecisionLog.log(d, prefixes);
    metrics.decision(d);
    if (force || d.changesAnnouncement() || applied != d.to()) {
      apply(d.to());
    }
  }

  private void apply(Announcement state) {
    try {
      speaker.apply(state);
      applied = state;
      metrics.announcement(state);
    } catch (SpeakerException e) {
      applied = null;
      metrics.speakerError();
      LOG.error(
          "speaker {} could not make the prefixes {}: {}; trying again after the next"
              + " self-test",
          speaker.name(),
          state.label(),
          e.getMessage());
    }
  }

  private static String transition(Decision d) {
    return (d.from() == null ? "unknown" : d.from().label()) + " -> " + d.to().label();
  }
}
