package net.anycastdns.common.yaml;

/**
 * One finding about a configuration file, printed as {@code file:line: message} like a compiler's
 * (and like the zone checks), so that every file the project reads reports its problems the same
 * way.
 *
 * @param file the file's name, or {@code --flag} for a value given on the command line
 * @param line 1-based line, or 0 when the problem has no single line
 * @param message what is wrong, in one line
 */
public record ConfigProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
