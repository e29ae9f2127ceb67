package net.anycastdns.geo;

/**
 * One finding about geo.yaml, printed as {@code file:line: message} like a compiler's (and like the
 * zone checks), so {@code check DIR} lists both the same way.
 *
 * @param file the file's name ({@code geo.yaml})
 * @param line 1-based line, or 0 when the problem has no single line
 * @param message what is wrong, in one line
 */
public record GeoProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
