package net.anycastdns.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --help} of every command reads as written: each command is one line in the list of
 * commands, every sentence is whole (the man pages are made from the same text), and nothing is
 * wider than a terminal.
 */
class HelpTextTest {
  static Stream<CommandSpec> commands() {
    CommandLine main = new CommandLine(new Main());
    List<CommandSpec> specs = new ArrayList<>(List.of(main.getCommandSpec()));
    main.getSubcommands().values().stream()
        .filter(c -> !(c.getCommand() instanceof CommandLine.HelpCommand))
        .forEach(c -> specs.add(c.getCommandSpec()));
    return specs.stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everySentenceIsWhole(CommandSpec spec) {
    List<String> texts = new ArrayList<>(List.of(spec.usageMessage().header()));
    texts.addAll(List.of(spec.usageMessage().description()));
    for (OptionSpec option : spec.options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        texts.addAll(List.of(option.description()));
      }
    }
    for (String text : texts) {
      assertTrue(text.endsWith("."), spec.qualifiedName() + ": not a whole sentence: " + text);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void fitsATerminal(CommandSpec spec) {
    String help = new CommandLine(spec).getUsageMessage();
    help.lines().forEach(line -> assertTrue(line.length() <= 80, "wider than 80: " + line));
  }

  @org.junit.jupiter.api.Test
  void eachCommandIsOneLineInTheList() {
    String help = new CommandLine(new Main()).getUsageMessage();
    List<String> listed =
        help.lines().dropWhile(l -> !l.equals("Commands:")).skip(1).map(String::strip).toList();
    assertEquals(5, listed.size(), help);
    for (String command : List.of("run", "check", "drain", "withdraw", "help")) {
      assertTrue(listed.stream().anyMatch(l -> l.startsWith(command + " ")), command + ": " + help);
    }
  }
}
