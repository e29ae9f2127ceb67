package net.anycastdns.sidecar;

import net.anycastdns.sidecar.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar anycast-dns-sidecar.jar COMMAND ...}. */
@Command(
    name = "anycast-dns-sidecar",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
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
  /** Exit status for usage and configuration errors. */
  static final int USAGE = 2;

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
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler(
        (e, a) -> {
          CommandLine c = e.getCommandLine();
          c.getErr()
              .println(
                  c.getCommandName()
                      + ": "
                      + e.getMessage()
                      + " (see '"
                      + c.getCommandSpec().qualifiedName()
                      + " --help')");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          if (e instanceof ConfigException || e instanceof UsageException) {
            c.getErr().println(c.getCommandName() + ": " + e.getMessage());
            return USAGE;
          }
          c.getErr().println(c.getCommandName() + ": internal error: " + e);
          return 1;
        });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"anycast-dns-sidecar " + (v == null ? "dev" : v)};
    }
  }

  /** A mistake on the command line, reported as one line with exit status 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
