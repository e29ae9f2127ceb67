package net.anycastdns.zones;

/**
 * One finding about a zone file, printed as {@code file:line: message} like a compiler's.
 *
 * @param file the zone file's name as given
 * @param line 1-based line, or 0 when the problem has no single line
 * @param severity an error keeps the zone from being served; a warning does not
 * @param message what is wrong, in one line
 */
public record ZoneProblem(String file, int line, Severity severity, String message) {
  /** Whether the zone can still be served. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static ZoneProblem error(String file, int line, String message) {
    return new ZoneProblem(file, line, Severity.ERROR, message);
  }

  public static ZoneProblem warning(String file, int line, String message) {
    return new ZoneProblem(file, line, Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + (isError() ? "" : "warning: ") + message;
  }
}
