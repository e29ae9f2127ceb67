package net.anycastdns.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import net.anycastdns.server.config.ServerConfigReader;
import picocli.CommandLine;

/**
 * The options given on a command line, as configuration keys with their values as written: the
 * flags a configuration reader lays over the file. An option {@code --tcp-idle-timeout} is the key
 * {@code tcp-idle-timeout}.
 */
final class CommandLineFlags {
  private CommandLineFlags() {}

  /**
   * Reads the configuration {@code file} with {@code flags} over it; a problem with a flag's value
   * points at the command's help, as picocli's own mistakes do.
   */
  static ServerConfigReader.Loaded read(
      CommandLine.Model.CommandSpec spec, Path file, Map<String, List<String>> flags)
      throws ConfigException {
    try {
      return ServerConfigReader.read(file, flags);
    } catch (ConfigException e) {
      String help = " (see '" + spec.qualifiedName() + " --help')";
      throw new ConfigException(
          e.problems().stream()
              .map(
                  p ->
                      p.file().startsWith("--") && flags.containsKey(p.file().substring(2))
                          ? new ConfigProblem(p.file(), p.line(), p.message() + help)
                          : p)
              .toList());
    }
  }

  /**
   * The options of {@code spec}'s command that were given, but for those named in {@code notKeys}.
   */
  static Map<String, List<String>> given(CommandLine.Model.CommandSpec spec, String... notKeys) {
    Map<String, List<String>> flags = new LinkedHashMap<>();
    List<String> skip = List.of(notKeys);
    for (CommandLine.Model.OptionSpec option :
        spec.commandLine().getParseResult().matchedOptions()) {
      String key = option.longestName().substring(2);
      if (option.usageHelp() || option.versionHelp() || skip.contains(key)) {
        continue;
      }
      Object value = option.getValue();
      flags.put(
          key,
          value instanceof List<?> list
              ? list.stream().map(String::valueOf).toList()
              : List.of(String.valueOf(value)));
    }
    return flags;
  }
}
