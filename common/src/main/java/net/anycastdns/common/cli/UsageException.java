package net.anycastdns.common.cli;

/**
 * A mistake of the operator's (a bad flag value, a folder that cannot be read, a port in use),
 * reported by {@link CommandLineRunner} as one line on standard error with exit status 2, never as
 * a stack trace.
 */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
