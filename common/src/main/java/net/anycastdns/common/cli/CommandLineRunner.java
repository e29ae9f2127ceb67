package net.anycastdns.common.cli;

import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import picocli.CommandLine;

/**
 * Runs a picocli command line the way both of the project's jars do: every operator mistake (a bad
 * flag, a {@link UsageException}, the problems of a configuration file) is one line on standard
 * error per problem, prefixed with the command's name, and exit status 2; anything else is an
 * internal error, exit status 1.
 */
public final class CommandLineRunner {
  /** Exit status for usage and configuration errors. */
  public static final int USAGE = 2;

  private CommandLineRunner() {}

  /** The command line for {@code command}, set up as described above. */
  public static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
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
          if (e instanceof ConfigException config) {
            for (ConfigProblem p : config.problems()) {
              c.getErr().println(c.getCommandName() + ": " + p);
            }
            return USAGE;
          }
          if (e instanceof UsageException) {
            c.getErr().println(c.getCommandName() + ": " + e.getMessage());
            return USAGE;
          }
          c.getErr().println(c.getCommandName() + ": internal error: " + e);
          return 1;
        });
    return cl;
  }

  /** Runs {@code command} with {@code args} and returns the exit status. */
  public static int run(Object command, String... args) {
    return commandLine(command).execute(args);
  }
}
