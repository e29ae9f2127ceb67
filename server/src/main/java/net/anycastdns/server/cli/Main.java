package net.anycastdns.server.cli;

import net.anycastdns.common.cli.CommandLineRunner;
import net.anycastdns.common.cli.ManifestVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar anycast-dns.jar COMMAND ...}. */
@Command(
    name = "anycast-dns",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    description = "Authoritative anycast DNS server.",
    subcommands = {
      ServeCommand.class,
      CheckCommand.class,
      SignCommand.class,
      GeoTestCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Netty's buffer allocator reports to JFR unless told not to, and its first report sets up
    // JFR's event metadata: the first query a server answered took 150 to 180 ms for that alone.
    // An operator who wants those events still gets them with -Dio.netty.jfr.enabled=true.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
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
