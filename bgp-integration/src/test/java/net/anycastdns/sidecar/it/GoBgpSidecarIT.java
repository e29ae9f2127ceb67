package net.anycastdns.sidecar.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gobgp driver: gobgpd in the PoP, driven through the gobgp CLI over its gRPC API. */
class GoBgpSidecarIT extends SidecarScenario {
  private static final String API = "127.0.0.1:50051";
  private Process sidecar;

  @Override
  String driver() {
    return "gobgp";
  }

  @Override
  List<String> programs() {
    return List.of("gobgpd", "gobgp");
  }

  @Override
  String speakerYaml() {
    return "{type: gobgp, gobgp: [gobgp, -u, 127.0.0.1, -p, \"50051\"]}";
  }

  @Override
  void startSpeakerAndSidecar() throws Exception {
    lab.write(
        "gobgpd.toml",
        """
        [global.config]
          as = 64500
          router-id = "%1$s"

        [[neighbors]]
          [neighbors.config]
            neighbor-address = "%2$s"
            peer-as = 64512
          [neighbors.transport.config]
            local-address = "%1$s"
          [neighbors.timers.config]
            connect-retry = 1
            hold-time = 3
            keepalive-interval = 1
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv4-unicast"

        [[neighbors]]
          [neighbors.config]
            neighbor-address = "%3$s"
            peer-as = 64512
          [neighbors.transport.config]
            local-address = "%4$s"
          [neighbors.timers.config]
            connect-retry = 1
            hold-time = 3
            keepalive-interval = 1
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv6-unicast"
        """
            .formatted(Lab.POP_V4, Lab.UP_V4, Lab.UP_V6, Lab.POP_V6));
    lab.start(
        lab.pop,
        "gobgpd.log",
        Map.of(),
        "gobgpd",
        "-f",
        lab.dir.resolve("gobgpd.toml").toString(),
        "--api-hosts",
        API);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        lab.run(lab.pop, 5, "gobgp", "-u", "127.0.0.1", "-p", "50051", "global");
        break;
      } catch (Lab.ExecException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("gobgpd did not start\n" + lab.logTails());
        }
        Thread.sleep(50);
      }
    }
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
        this::aKilledSidecarLeavesTheRouteUntilWithdrawRuns);
  }

  /** gobgpd keeps the paths of a dead client (fail-open); {@code withdraw} removes them. */
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
    assertTrue(upstream.routes().both(), "gobgpd keeps announcing after kill -9 of the sidecar");
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
        "kill -9 of the sidecar: gobgpd kept announcing (fail-open, as documented);"
            + " 'withdraw' removed it "
            + ms
            + " ms after it started");
  }
}
