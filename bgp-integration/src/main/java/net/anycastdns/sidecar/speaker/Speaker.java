package net.anycastdns.sidecar.speaker;

import net.anycastdns.sidecar.health.Announcement;

/**
 * A BGP speaker driver. Every anycast prefix is announced and withdrawn together, so a driver has
 * one operation: bring all of them to one state. It must be idempotent (the sidecar asserts the
 * withdrawn state at start, whatever a previous instance left, and retries after errors).
 */
public interface Speaker extends AutoCloseable {

  /** The driver's name in logs and metrics: {@code bird}, {@code exabgp}, ... */
  String name();

  /**
   * Brings every prefix to {@code state}.
   *
   * @throws SpeakerException when the speaker refused or could not be reached; the state is then
   *     unknown and the sidecar tries again
   */
  void apply(Announcement state) throws SpeakerException;

  /** Releases what the driver holds; the announcements stay as they are. */
  @Override
  default void close() {}
}
