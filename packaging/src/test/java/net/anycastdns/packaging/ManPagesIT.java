package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A man page for every command and subcommand, readable with {@code man -l} without a warning,
 * naming every option that the command's {@code --help} names (both come from one picocli model at
 * build time).
 */
class ManPagesIT {
  private static final Pattern LONG_OPTION = Pattern.compile("--[a-z][a-z0-9-]*");

  /** Each command with its arguments: "anycast-dns", "anycast-dns serve", ... */
  static Stream<String> commands() {
    List<String> commands = new ArrayList<>();
    for (String command : List.of("anycast-dns", "anycast-dns-sidecar")) {
      commands.add(command);
      Commands.Result help = InstalledPackage.run(command, "--help");
      help.out()
          .lines()
          .dropWhile(line -> !line.equals("Commands:"))
          .skip(1)
          .filter(line -> line.startsWith("  ") && !line.startsWith("   "))
          .map(line -> line.strip().split(" ")[0])
          .filter(sub -> !sub.equals("help"))
          .forEach(sub -> commands.add(command + " " + sub));
    }
    return commands.stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void manPageNamesWhatHelpNames(String command) {
    Tools.require("man");
    Path page = InstalledPackage.path("/usr/share/man/man1/" + command.replace(' ', '-') + ".1.gz");
    assertTrue(Files.isRegularFile(page), page + " is missing");
    Commands.Result man =
        Commands.run(
            List.of("man", "--warnings", "-l", page.toString()),
            Map.of("MANWIDTH", "200", "MANPAGER", "cat", "LC_ALL", "C"),
            Duration.ofMinutes(1));
    assertEquals(0, man.exit(), man.toString());
    assertEquals("", man.err(), "man warns");

    String[] words = command.split(" ");
    Commands.Result help =
        InstalledPackage.run(
            words[0],
            Stream.concat(Stream.of(words).skip(1), Stream.of("--help")).toArray(String[]::new));
    Matcher options = LONG_OPTION.matcher(help.out());
    while (options.find()) {
      assertTrue(
          man.out().contains(options.group()),
          command
              + ": "
              + options.group()
              + " is in --help but not in the man page:\n"
              + man.out());
    }
  }
}
