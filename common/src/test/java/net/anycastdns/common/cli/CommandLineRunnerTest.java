package net.anycastdns.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A command line builds only the subcommand its arguments name, and runs it as the whole tree
 * would: same exit status, same messages. Help and anything else get every subcommand.
 */
class CommandLineRunnerTest {
  @Command(
      name = "tool",
      mixinStandardHelpOptions = true,
      subcommands = {Start.class, Stop.class, CommandLine.HelpCommand.class})
  static final class Tool implements Runnable {
    @Override
    public void run() {
      // Only the subcommands run in these tests.
    }
  }

  @Command(name = "start", aliases = "go", mixinStandardHelpOptions = true)
  static final class Start implements Callable<Integer> {
    @Option(names = "--exit", description = "The exit status.")
    int exit;

    @Override
    public Integer call() {
      return exit;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true)
  static final class Stop implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new UsageException("not running");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "start --exit 3 | start",
        "go --exit 3    | start",
        "stop           | stop",
        "help start     | start stop help",
        "--help         | start stop help",
        "restart        | start stop help",
        "''             | start stop help",
      })
  void buildsTheNamedSubcommandAlone(String args, String built) {
    CommandLine cl = CommandLineRunner.commandLine(new Tool(), split(args));
    assertEquals(List.of(built.split(" ")), List.copyOf(distinct(cl)));
  }

  @Test
  void runsItAsTheWholeTreeWould() {
    assertEquals(3, run("start", "--exit", "3").status);

    Run usage = run("start", "--exit", "three");
    assertEquals(CommandLineRunner.USAGE, usage.status);
    assertTrue(usage.err.startsWith("start: Invalid value for option '--exit'"), () -> usage.err);
    assertTrue(usage.err.endsWith("(see 'tool start --help')\n"), () -> usage.err);

    Run refused = run("stop");
    assertEquals(CommandLineRunner.USAGE, refused.status);
    assertEquals("stop: not running\n", refused.err);

    Run help = run("start", "--help");
    assertEquals(0, help.status);
    assertTrue(help.out.startsWith("Usage: tool start "), () -> help.out);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = CommandLineRunner.commandLine(new Tool(), args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  private static String[] split(String args) {
    return args.isEmpty() ? new String[0] : args.split(" ");
  }

  /** The names of the subcommands built, each once (an alias maps to the same command). */
  private static List<String> distinct(CommandLine cl) {
    return cl.getSubcommands().values().stream()
        .map(CommandLine::getCommandName)
        .distinct()
        .toList();
  }
}
