package net.anycastdns.sidecar.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bird driver against BIRD 2 at both ends: the PoP's bird.conf includes the sidecar's state
 * file and exports {@code net ~ ANYCAST_DNS_V4/V6}, adding 65535:0 while {@code
 * ANYCAST_DNS_GRACEFUL_SHUTDOWN} is true.
 */
class BirdSidecarIT extends SidecarScenario {
  private Path socket;
  private Process popBird;
  private Process sidecar;

  @Override
  String driver() {
    return "bird";
  }

  @Override
  List<String> programs() {
    return List.of();
  }

  @Override
  String speakerYaml() {
    return "{type: bird, state-file: "
        + lab.dir.resolve("anycast-dns.conf")
        + ", birdc: [birdc,"
        + " -s, "
        + lab.dir.resolve("pop.ctl")
        + "]}";
  }

  @Override
  void startSpeakerAndSidecar() throws Exception {
    socket = lab.dir.resolve("pop.ctl");
    // What the operator installs once, before BIRD first starts: the withdrawn state.
    lab.write(
        "anycast-dns.conf",
        """
        define ANYCAST_DNS_V4 = [ 0.0.0.0/32 ];
        define ANYCAST_DNS_V6 = [ ::/128 ];
        define ANYCAST_DNS_GRACEFUL_SHUTDOWN = false;
        """);
    lab.write(
        "pop-bird.conf",
        """
        router id %1$s;
        include "%2$s/anycast-dns.conf";

        protocol device {}
        protocol static anycast_dns_v4 { ipv4; route 192.0.2.53/32 blackhole; }
        protocol static anycast_dns_v6 { ipv6; route 2001:db8:53::53/128 blackhole; }

        filter anycast_dns_export_v4 {
          if net ~ ANYCAST_DNS_V4 then {
            if ANYCAST_DNS_GRACEFUL_SHUTDOWN then bgp_community.add((65535, 0));
            accept;
          }
          reject;
        }
        filter anycast_dns_export_v6 {
          if net ~ ANYCAST_DNS_V6 then {
            if ANYCAST_DNS_GRACEFUL_SHUTDOWN then bgp_community.add((65535, 0));
            accept;
          }
          reject;
        }

        template bgp upstream { local as 64500; %3$s }
        protocol bgp upstream4 from upstream {
          neighbor %4$s as 64512; source address %1$s;
          ipv4 { import none; export filter anycast_dns_export_v4; };
        }
        protocol bgp upstream6 from upstream {
          neighbor %5$s as 64512; source address %6$s;
          ipv6 { import none; export filter anycast_dns_export_v6; };
        }
        """
            .formatted(Lab.POP_V4, lab.dir, UpstreamBird.TIMERS, Lab.UP_V4, Lab.UP_V6, Lab.POP_V6));
    startPopBird();
    sidecar = SidecarJar.run(lab, config);
  }

  @Override
  ProcessHandle sidecar() {
    return sidecar.toHandle();
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
        this::theWithdrawnStateSurvivesABirdRestart,
        this::aKilledSidecarLeavesTheRouteUntilWithdrawRuns);
  }

  /** Unlike {@code birdc disable}, the state is configuration: reconfigure and restart keep it. */
  private void theWithdrawnStateSurvivesABirdRestart() throws Exception {
    Lab.exec(List.of("birdc", "-s", socket.toString(), "configure"), 10);
    Lab.terminate(popBird);
    startPopBird();
    upstream.awaitEstablished(Duration.ofSeconds(20));
    Thread.sleep(1000);
    assertTrue(
        upstream.routes().none(),
        "still withdrawn after reconfigure and restart: " + upstream.routes());
    report(
        "state file survived 'birdc configure' and a BIRD restart: still withdrawn 1 s after"
            + " the sessions came back");
  }

  /**
   * BIRD keeps the last state when the sidecar dies (fail-open); the README's fail-closed setup
   * runs {@code withdraw} after the sidecar ends (systemd ExecStopPost=).
   */
  private void aKilledSidecarLeavesTheRouteUntilWithdrawRuns() throws Exception {
    sidecar = SidecarJar.run(lab, config);
    upstream.await(
        "announced by a new sidecar",
        UpstreamBird.Routes::bothPlain,
        System.nanoTime(),
        Duration.ofSeconds(20));
    sidecar.destroyForcibly();
    sidecar.waitFor();
    Thread.sleep(1000);
    assertTrue(upstream.routes().both(), "BIRD keeps announcing after kill -9 of the sidecar");
    long t0 = System.nanoTime();
    String out = SidecarJar.withdraw(lab, config);
    assertTrue(out.contains("withdrawn: 192.0.2.53/32, 2001:db8:53::53/128"), out);
    long ms =
        upstream.await(
            "withdrawn by the withdraw command",
            UpstreamBird.Routes::none,
            t0,
            Duration.ofSeconds(20));
    report(
        "kill -9 of the sidecar: BIRD kept announcing (fail-open, as documented);"
            + " 'withdraw' removed it "
            + ms
            + " ms after it started");
  }

  private void startPopBird() throws Exception {
    popBird =
        lab.start(
            lab.pop,
            "pop-bird.log",
            Map.of(),
            "bird",
            "-f",
            "-c",
            lab.dir.resolve("pop-bird.conf").toString(),
            "-s",
            socket.toString(),
            "-P",
            lab.dir.resolve("pop-bird.pid").toString());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        Lab.exec(List.of("birdc", "-s", socket.toString(), "show", "status"), 5);
        return;
      } catch (Lab.ExecException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("PoP BIRD did not start\n" + lab.logTails());
        }
        Thread.sleep(20);
      }
    }
  }
}
