package net.anycastdns.sidecar;

import net.anycastdns.common.cli.CommandLineRunner;
import net.anycastdns.common.cli.ManifestVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar anycast-dns-sidecar.jar COMMAND ...}. */
@Command(
    name = "anycast-dns-sidecar",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    description =
        "Withdraws the anycast DNS prefixes from the local BGP speaker while the local"
            + " DNS server fails its self-test.",
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      DrainCommand.class,
      WithdrawCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit status, for tests. */
  public static int run(String... args) {
    return CommandLineRunner.run(new Main(), args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
