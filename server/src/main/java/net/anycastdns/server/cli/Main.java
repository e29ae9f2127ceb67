package net.anycastdns.server.cli;

import net.anycastdns.common.cli.CommandLineRunner;
import net.anycastdns.server.config.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar anycast-dns.jar COMMAND ...}. */
@Command(
    name = "anycast-dns",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Authoritative anycast DNS server.",
    subcommands = {
      ServeCommand.class,
      CheckCommand.class,
      GeoTestCommand.class,
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

  /** The version from the jar's manifest. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"anycast-dns " + Version.current()};
    }
  }
}
