package net.anycastdns.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar anycast-dns.jar COMMAND ...}. */
@Command(
    name = "anycast-dns",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Authoritative anycast DNS server.",
    subcommands = {
      ServeCommand.class,
      CheckCommand.class,
      GeoTestCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit status for usage errors (bad flags, unreadable folders, bad addresses). */
  static final int USAGE = 2;

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
          if (e instanceof UsageException) {
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
      return new String[] {"anycast-dns " + Main.version()};
    }
  }

  /** The implementation version of this build, or "dev" when not run from the jar. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** A mistake of the operator's, reported as one line with exit status 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
