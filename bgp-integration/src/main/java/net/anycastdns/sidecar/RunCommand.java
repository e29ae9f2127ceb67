package net.anycastdns.sidecar;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import net.anycastdns.common.HostPort;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.sidecar.config.ConfigLoader;
import net.anycastdns.sidecar.config.SelfTestConfig;
import net.anycastdns.sidecar.config.SidecarConfig;
import net.anycastdns.sidecar.config.SpeakerConfig;
import net.anycastdns.sidecar.health.HealthPolicy;
import net.anycastdns.sidecar.health.HealthStateMachine;
import net.anycastdns.sidecar.metrics.SidecarMetrics;
import net.anycastdns.sidecar.probe.DnsClient;
import net.anycastdns.sidecar.probe.SelfTest;
import net.anycastdns.sidecar.run.HttpEndpoint;
import net.anycastdns.sidecar.run.Sidecar;
import net.anycastdns.sidecar.run.Speakers;
import net.anycastdns.sidecar.speaker.Prefix;
import net.anycastdns.sidecar.speaker.ProcessRunner;
import net.anycastdns.sidecar.speaker.Speaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run --config FILE [--http HOST:PORT]}: the sidecar itself. Starts withdrawn, announces
 * after {@code rise} good self-tests, withdraws after {@code fall} bad ones; on SIGTERM withdraws
 * and then exits.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    header = "Run the self-test forever and drive the BGP speaker.",
    description = {
      "Starts withdrawn, announces after 'rise' passing self-tests and withdraws after 'fall'"
          + " failing ones.",
      "SIGTERM withdraws, then exits (status 143)."
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  /** Longest wait of the SIGTERM hook for the withdrawal. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE.yaml",
      description = "The sidecar configuration.")
  Path config;

  @Option(
      names = "--http",
      paramLabel = "HOST:PORT",
      defaultValue = Main.DEFAULT_HTTP,
      description =
          "Serve GET /metrics, POST /drain and POST /resume here; keep it on loopback, since"
              + " drain has no authentication (default: ${DEFAULT-VALUE}).")
  String http;

  @Override
  public Integer call() throws InterruptedException, ConfigException {
    SidecarConfig cfg = ConfigLoader.load(config);
    InetSocketAddress httpAddress;
    try {
      httpAddress = HostPort.parse(http, -1);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--http: " + e.getMessage());
    }
    // With ExaBGP, standard output is the API channel: keep the real one for the driver and
    // send anything else that would print there (a library, a stray println) to stderr.
    PrintStream api =
        new PrintStream(
            new FileOutputStream(FileDescriptor.out),
            true,
            java.nio.charset.StandardCharsets.US_ASCII);
    if (cfg.speaker() instanceof SpeakerConfig.ExaBgp) {
      System.setOut(System.err);
    }

    SelfTestConfig st = cfg.selftest();
    Clock clock = Clock.systemUTC();
    HealthStateMachine machine =
        new HealthStateMachine(
            new HealthPolicy(
                st.interval(), st.fastInterval(), st.rise(), st.fall(), cfg.drainDelay()),
            clock);
    SelfTest selfTest =
        new SelfTest(st.server(), st.probes(), st.peers(), st.timeout(), new DnsClient(), clock);
    SidecarMetrics metrics = new SidecarMetrics(cfg.prefixes(), cfg.speaker().type());
    AtomicReference<Sidecar> self = new AtomicReference<>();
    Speaker speaker =
        Speakers.create(
            cfg.speaker(),
            cfg.prefixes(),
            new ProcessRunner(),
            api,
            new FileInputStream(FileDescriptor.in),
            () -> self.get().request(Sidecar.Request.STOP, "ExaBGP closed the API pipe"));
    Sidecar sidecar = new Sidecar(machine, selfTest, speaker, cfg.prefixes(), metrics, clock);
    self.set(sidecar);

    HttpEndpoint endpoint;
    try {
      endpoint = new HttpEndpoint(httpAddress, metrics::scrape, sidecar);
    } catch (IOException e) {
      throw new UsageException("--http " + http + ": " + e.getMessage());
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sidecar.request(Sidecar.Request.STOP, "SIGTERM");
                  try {
                    if (!sidecar.awaitStopped(STOP_TIMEOUT)) {
                      LOG.error(
                          "the withdrawal did not finish within {}s; exiting anyway",
                          STOP_TIMEOUT.toSeconds());
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "sigterm"));

    LOG.info(
        "sidecar started: server {}, {} probes, prefixes {}, speaker {}, interval {}ms"
            + " (fast {}ms), rise {}, fall {}, {} peers, http {}",
        HostPort.format(st.server()),
        st.probes().size(),
        cfg.prefixes().stream().map(Prefix::toString).collect(Collectors.joining(", ")),
        speaker.name(),
        st.interval().toMillis(),
        st.fastInterval().toMillis(),
        st.rise(),
        st.fall(),
        st.peers().size(),
        HostPort.format(endpoint.address()));
    sidecar.run();
    endpoint.close();
    LOG.info("sidecar stopped");
    return 0;
  }
}
