package net.anycastdns.common.cli;

import java.util.Arrays;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

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
    return configured(new CommandLine(command));
  }

  /**
   * The command line that runs {@code args}: when the first names a subcommand of {@code command}
   * (other than {@code help}), {@code command} with that subcommand alone. Picocli reads the
   * annotations of every option of every command it is handed, and loads their classes: all of a
   * jar's commands cost every start 0.05 to 0.1 s of its main thread. Help and usage errors, which
   * list the commands, get all of them.
   */
  public static CommandLine commandLine(Object command, String... args) {
    Command top = command.getClass().getAnnotation(Command.class);
    if (top == null || args.length == 0) {
      return commandLine(command);
    }
    for (Class<?> sub : top.subcommands()) {
      Command named = sub.getAnnotation(Command.class);
      if (named != null
          && sub != CommandLine.HelpCommand.class
          && (named.name().equals(args[0]) || Arrays.asList(named.aliases()).contains(args[0]))) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(top.name());
        spec.addSubcommand(named.name(), new CommandLine(sub));
        return configured(new CommandLine(spec));
      }
    }
    return commandLine(command);
  }

  private static CommandLine configured(CommandLine cl) {
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
    return commandLine(command, args).execute(args);
  }
}
