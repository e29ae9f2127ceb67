package net.anycastdns.sidecar.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What every driver must do against real daemons, as steps a driver's test strings together: Knot
 * answers in the PoP, the sidecar drives the PoP's BGP speaker, and the upstream BIRD is where the
 * outcome is read. Each step measures how long the upstream took to see it and prints it; a failing
 * step prints the tail of every daemon's log.
 */
abstract class SidecarScenario {
  /** interval 200 ms, fall 3 (see {@link SidecarJar#config}). */
  static final long WITHDRAW_BOUND_MILLIS = 3 * 200 + 1000;

  protected Lab lab;
  protected Knot knot;
  protected UpstreamBird upstream;
  protected Path config;
  private final List<String> timings = new ArrayList<>();

  /** The driver's name, as in the configuration. */
  abstract String driver();

  /** The programs this driver's test needs besides ip, knotd, kdig, bird and birdc. */
  abstract List<String> programs();

  /** The {@code speaker:} value of the sidecar's configuration. */
  abstract String speakerYaml();

  /** Starts the PoP's BGP speaker and the sidecar that drives it. */
  abstract void startSpeakerAndSidecar() throws Exception;

  /** The running sidecar process (waits for it to appear, at most 20 s). */
  abstract ProcessHandle sidecar() throws Exception;

  @BeforeEach
  void setUp(TestInfo info) throws Exception {
    List<String> needed = new ArrayList<>(List.of("ip", "knotd", "kdig", "bird", "birdc"));
    needed.addAll(programs());
    ItEnvironment.require(
        info.getTestClass().orElseThrow().getSimpleName(), needed.toArray(String[]::new));
    lab = new Lab(driver());
    try {
      knot = new Knot(lab);
      knot.start();
      upstream = new UpstreamBird(lab);
      config = SidecarJar.config(lab, speakerYaml());
      startSpeakerAndSidecar();
    } catch (Exception | Error e) {
      System.out.println(lab.logTails());
      lab.close();
      lab = null;
      throw e;
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (lab != null) {
      lab.close();
    }
    System.out.println("[" + driver() + "] measured at the upstream:");
    timings.forEach(t -> System.out.println("[" + driver() + "]   " + t));
  }

  /** Runs {@code steps}, printing every log's tail when one fails. */
  void scenario(Step... steps) throws Exception {
    try {
      for (Step s : steps) {
        s.run();
      }
    } catch (Exception | Error e) {
      System.out.println(lab.logTails());
      throw e;
    }
  }

  /** One step of a scenario. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  void learnedWhileTheServerAnswers() throws Exception {
    long ms =
        upstream.await(
            "both prefixes learned",
            UpstreamBird.Routes::bothPlain,
            System.nanoTime(),
            Duration.ofSeconds(40));
    report(
        "both prefixes learned "
            + ms
            + " ms after the test started waiting (BGP session"
            + " set-up, JVM start, rise 2)");
  }

  void withdrawnWhenTheServerStops() throws Exception {
    long t0 = System.nanoTime();
    knot.stop();
    long ms =
        upstream.await("both withdrawn", UpstreamBird.Routes::none, t0, Duration.ofSeconds(10));
    report(
        "withdrawal seen "
            + ms
            + " ms after SIGTERM to knotd (bound: fall x interval + 1 s = "
            + WITHDRAW_BOUND_MILLIS
            + " ms)");
    assertTrue(
        ms <= WITHDRAW_BOUND_MILLIS,
        "withdrawn after " + ms + "ms, more than " + WITHDRAW_BOUND_MILLIS + "ms");
  }

  void announcedWhenTheServerRecovers() throws Exception {
    long t0 = System.nanoTime();
    knot.start();
    long ms =
        upstream.await(
            "both announced again", UpstreamBird.Routes::bothPlain, t0, Duration.ofSeconds(10));
    report(
        "announced again "
            + ms
            + " ms after starting knotd (knotd start-up and rise 2"
            + " included)");
  }

  void drainShowsGracefulShutdownThenWithdraws() throws Exception {
    long t0 = System.nanoTime();
    String reply = SidecarJar.drain(lab, false);
    assertTrue(reply.contains("announced -> graceful-shutdown"), reply);
    long tagged =
        upstream.await(
            "65535:0 on both", UpstreamBird.Routes::bothGshut, t0, Duration.ofSeconds(10));
    long gone =
        upstream.await(
            "both withdrawn after the drain delay",
            UpstreamBird.Routes::none,
            t0,
            Duration.ofSeconds(10));
    report(
        "drain: GRACEFUL_SHUTDOWN 65535:0 seen "
            + tagged
            + " ms after the drain command"
            + " started (JVM start of 'drain' included), withdrawal "
            + gone
            + " ms after (drain"
            + " delay 2 s)");
    assertTrue(
        gone - tagged >= 1000,
        "withdrawn only "
            + (gone - tagged)
            + "ms after the community was seen; the drain delay is 2s");
  }

  void resumeAnnouncesAgain() throws Exception {
    long t0 = System.nanoTime();
    String reply = SidecarJar.drain(lab, true);
    assertTrue(reply.contains("drain cancelled"), reply);
    long ms =
        upstream.await(
            "both announced after resume",
            UpstreamBird.Routes::bothPlain,
            t0,
            Duration.ofSeconds(10));
    report("resume: announced again " + ms + " ms after 'drain --cancel' started");
  }

  /** SIGTERM to the sidecar; returns once the upstream has lost both routes. */
  void sigtermWithdraws() throws Exception {
    ProcessHandle sidecar = sidecar();
    long t0 = System.nanoTime();
    sidecar.destroy();
    long ms =
        upstream.await(
            "both withdrawn after SIGTERM", UpstreamBird.Routes::none, t0, Duration.ofSeconds(10));
    sidecar.onExit().get(20, TimeUnit.SECONDS);
    report("SIGTERM to the sidecar: withdrawal seen " + ms + " ms later");
  }

  void report(String line) {
    timings.add(line);
    System.out.println("[" + driver() + "] " + line);
  }
}
