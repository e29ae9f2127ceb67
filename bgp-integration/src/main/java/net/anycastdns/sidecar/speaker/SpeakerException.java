package net.anycastdns.sidecar.speaker;

/** The speaker refused a change or could not be reached. */
public final class SpeakerException extends Exception {
  private static final long serialVersionUID = 1L;

  public SpeakerException(String message) {
    super(message);
  }
}
