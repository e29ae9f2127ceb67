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
    description = {
      "Tests the local DNS server over DNS and withdraws the anycast prefixes from the local"
          + " BGP speaker (BIRD, ExaBGP, GoBGP or commands) while the test fails.",
      "Every command takes --help."
    },
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      DrainCommand.class,
      WithdrawCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /**
   * The HTTP endpoint of {@code run}, where {@code drain} finds it. Not the server's 9153 (both run
   * on one host), nor 9154, the Postfix exporter's on Prometheus' list of exporter ports.
   */
  static final String DEFAULT_HTTP = "127.0.0.1:9155";

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
