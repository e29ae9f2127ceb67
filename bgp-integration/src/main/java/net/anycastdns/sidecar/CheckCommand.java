package net.anycastdns.sidecar;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import net.anycastdns.common.HostPort;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.sidecar.config.ConfigLoader;
import net.anycastdns.sidecar.config.SelfTestConfig;
import net.anycastdns.sidecar.config.SidecarConfig;
import net.anycastdns.sidecar.probe.DnsClient;
import net.anycastdns.sidecar.probe.ProbeResult;
import net.anycastdns.sidecar.probe.SelfTest;
import net.anycastdns.sidecar.probe.SelfTestResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check --config FILE}: one self-test round; exit 0 when every probe passes, else 1. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Run the self-test once and print each probe's result.",
    description = {
      "Sends every probe of the configuration to selftest.server, as 'run' does, once.",
      "Exits 0 when every probe passes, 1 when any fails, 2 for a bad configuration."
    })
final class CheckCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE.yaml",
      description = "The sidecar configuration.")
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ConfigException {
    SidecarConfig cfg = ConfigLoader.load(config);
    SelfTestConfig st = cfg.selftest();
    SelfTestResult result;
    try (SelfTest test =
        new SelfTest(
            st.server(),
            st.probes(),
            java.util.List.of(),
            st.timeout(),
            new DnsClient(),
            Clock.systemUTC())) {
      result = test.run();
    }
    PrintWriter out = spec.commandLine().getOut();
    for (ProbeResult r : result.results()) {
      out.println((r.ok() ? "ok   " : "FAIL ") + r.describe());
    }
    out.println(
        (result.healthy() ? "healthy: " : "unhealthy: ")
            + HostPort.format(st.server())
            + ", "
            + result.results().stream().filter(ProbeResult::ok).count()
            + " of "
            + result.results().size()
            + " probes pass");
    out.flush();
    return result.healthy() ? 0 : 1;
  }
}
