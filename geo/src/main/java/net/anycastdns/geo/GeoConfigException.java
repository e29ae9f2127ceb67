package net.anycastdns.geo;

import java.util.List;
import java.util.stream.Collectors;

/** geo.yaml could not be loaded; {@link #problems()} has every problem found, in line order. */
public final class GeoConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<GeoProblem> problems;

  public GeoConfigException(List<GeoProblem> problems) {
    super(problems.stream().map(GeoProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, each one line; never empty. */
  public List<GeoProblem> problems() {
    return problems;
  }
}
