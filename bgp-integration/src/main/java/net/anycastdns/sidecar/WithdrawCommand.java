package net.anycastdns.sidecar;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.sidecar.config.ConfigLoader;
import net.anycastdns.sidecar.config.SidecarConfig;
import net.anycastdns.sidecar.config.SpeakerConfig;
import net.anycastdns.sidecar.health.Announcement;
import net.anycastdns.sidecar.run.Speakers;
import net.anycastdns.sidecar.speaker.Prefix;
import net.anycastdns.sidecar.speaker.ProcessRunner;
import net.anycastdns.sidecar.speaker.Speaker;
import net.anycastdns.sidecar.speaker.SpeakerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code withdraw --config FILE}: withdraws every prefix once and exits. For the fail-closed setup
 * of the bird, gobgp and command drivers, whose speakers keep announcing when the sidecar dies:
 * systemd runs it as {@code ExecStopPost=}, which also runs after a crash or a {@code kill -9}.
 */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    header = "Withdraw every prefix through the configured speaker, once.",
    description = {
      "The fail-closed step: systemd runs it as ExecStopPost= of 'run', so that a sidecar that"
          + " died (a crash or kill -9 included) leaves nothing announced.",
      "Exits 0 when withdrawn, 1 when the speaker failed, 2 for a bad configuration."
    })
final class WithdrawCommand implements Callable<Integer> {
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
    if (cfg.speaker() instanceof SpeakerConfig.ExaBgp) {
      throw new UsageException(
          "the exabgp driver only works as ExaBGP's API process;"
              + " for fail-closed, let ExaBGP respawn it (a new sidecar withdraws at once) and set"
              + " exabgp.api.terminate (see the README)");
    }
    Speaker speaker =
        Speakers.create(cfg.speaker(), cfg.prefixes(), new ProcessRunner(), null, null, null);
    String list = cfg.prefixes().stream().map(Prefix::toString).collect(Collectors.joining(", "));
    try {
      speaker.apply(Announcement.WITHDRAWN);
    } catch (SpeakerException e) {
      spec.commandLine().getErr().println("withdraw: " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().println("withdrawn: " + list);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
