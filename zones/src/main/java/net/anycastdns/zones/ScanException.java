package net.anycastdns.zones;

/**
 * A syntax error in one record of a master file, with the line it is on. The scanner reports it and
 * goes on with the next record, so it carries no stack trace: a file with many errors costs no more
 * to read than a good one.
 */
final class ScanException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;

  ScanException(int line, String message) {
    super(message, null, false, false);
    this.line = line;
  }

  int line() {
    return line;
  }
}
