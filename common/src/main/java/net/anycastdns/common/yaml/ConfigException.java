package net.anycastdns.common.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration file could not be read; {@link #problems()} has every problem found. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  /**
   * @param problems every problem, in the order to report them; not empty
   */
  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, each one line; never empty. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
