package net.anycastdns.sidecar.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The exabgp driver: ExaBGP 4 in the PoP runs the sidecar as its API process, with the fail-closed
 * settings the README recommends ({@code exabgp.api.respawn=true}, {@code
 * exabgp.api.terminate=true}).
 */
class ExaBgpSidecarIT extends SidecarScenario {
  private Process exabgp;

  @Override
  String driver() {
    return "exabgp";
  }

  @Override
  List<String> programs() {
    return List.of("exabgp");
  }

  @Override
  String speakerYaml() {
    return "{type: exabgp}";
  }

  @Override
  void startSpeakerAndSidecar() throws Exception {
    String run = String.join(" ", SidecarJar.java("run", "--config", config.toString()));
    lab.write(
        "exabgp.conf",
        """
        process anycast-dns-sidecar {
          run %s;
          encoder text;
        }
        template {
          neighbor upstream {
            router-id %s;
            local-as 64500;
            peer-as 64512;
            hold-time 3;
            api { processes [ anycast-dns-sidecar ]; }
          }
        }
        neighbor %s {
          inherit upstream;
          local-address %s;
          family { ipv4 unicast; }
        }
        neighbor %s {
          inherit upstream;
          local-address %s;
          family { ipv6 unicast; }
        }
        """
            .formatted(run, Lab.POP_V4, Lab.UP_V4, Lab.POP_V4, Lab.UP_V6, Lab.POP_V6));
    exabgp =
        lab.start(
            lab.pop,
            "exabgp.log",
            Map.of(
                "exabgp.daemon.daemonize", "false",
                "exabgp.log.destination", "stdout",
                "exabgp.api.cli", "false",
                // The fail-closed pair: a dead sidecar is started again (and a new sidecar
                // withdraws
                // first), and one that keeps dying makes ExaBGP exit, taking the sessions down.
                "exabgp.api.respawn", "true",
                "exabgp.api.terminate", "true"),
            "exabgp",
            lab.dir.resolve("exabgp.conf").toString());
  }

  @Override
  ProcessHandle sidecar() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Optional<ProcessHandle> child =
          exabgp
              .toHandle()
              .children()
              .filter(p -> p.info().command().orElse("").endsWith("java"))
              .findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("ExaBGP runs no sidecar\n" + lab.logTails());
      }
      Thread.sleep(20);
    }
  }

  @Test
  void announcesWithdrawsDrainsAndStops() throws Exception {
    scenario(
        this::learnedWhileTheServerAnswers,
        this::withdrawnWhenTheServerStops,
        this::announcedWhenTheServerRecovers,
        this::drainShowsGracefulShutdownThenWithdraws,
        this::resumeAnnouncesAgain,
        this::sigtermWithdraws,
        this::exabgpRespawnsTheSidecarWhichAnnouncesAfterRise,
        this::aKilledSidecarIsReplacedByOneThatWithdrawsFirst,
        this::aSidecarThatCannotRunTakesTheSessionsDown);
  }

  private void exabgpRespawnsTheSidecarWhichAnnouncesAfterRise() throws Exception {
    long ms =
        upstream.await(
            "announced by the respawned sidecar",
            UpstreamBird.Routes::bothPlain,
            System.nanoTime(),
            Duration.ofSeconds(20));
    report(
        "ExaBGP respawned the sidecar; it announced again "
            + ms
            + " ms later (JVM start,"
            + " rise 2)");
  }

  /**
   * kill -9 leaves the route in ExaBGP's RIB, but ExaBGP starts a new sidecar whose first act is to
   * withdraw; it announces again only after rise good self-tests.
   */
  private void aKilledSidecarIsReplacedByOneThatWithdrawsFirst() throws Exception {
    ProcessHandle old = sidecar();
    long t0 = System.nanoTime();
    old.destroyForcibly();
    long gone =
        upstream.await(
            "withdrawn by the new sidecar", UpstreamBird.Routes::none, t0, Duration.ofSeconds(20));
    long back =
        upstream.await(
            "announced by the new sidecar",
            UpstreamBird.Routes::bothPlain,
            t0,
            Duration.ofSeconds(20));
    report(
        "kill -9 of the sidecar: the respawned one withdrew "
            + gone
            + " ms later and"
            + " announced after rise, "
            + back
            + " ms after the kill");
  }

  /**
   * A sidecar that dies at once (here: its configuration broken) is respawned until ExaBGP gives up
   * and exits (exabgp.api.terminate), which closes the sessions: the route is gone.
   */
  private void aSidecarThatCannotRunTakesTheSessionsDown() throws Exception {
    lab.write("sidecar.yaml", "selftest: {broken\n");
    ProcessHandle old = sidecar();
    long t0 = System.nanoTime();
    old.destroyForcibly();
    long ms =
        upstream.await(
            "withdrawn when ExaBGP gives up",
            UpstreamBird.Routes::none,
            t0,
            Duration.ofSeconds(90));
    assertTrue(exabgp.waitFor(30, TimeUnit.SECONDS), "ExaBGP exited");
    assertTrue(
        lab.log("exabgp.log").contains("Too many death for anycast-dns-sidecar"),
        "ExaBGP gave up on the respawns");
    report(
        "a sidecar that cannot start: ExaBGP respawned it until it gave up and exited"
            + " (exit "
            + exabgp.exitValue()
            + "); route gone "
            + ms
            + " ms after the first death");
  }
}
