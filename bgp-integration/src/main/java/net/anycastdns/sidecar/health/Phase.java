package net.anycastdns.sidecar.health;

/** Where the sidecar is in its life; each phase implies one {@link Announcement}. */
public enum Phase {
  /** Just started: withdrawn until {@code rise} consecutive successes. */
  STARTING(Announcement.WITHDRAWN),
  /** Healthy and announced; {@code fall} consecutive failures withdraw. */
  UP(Announcement.ANNOUNCED),
  /** Withdrawn after failures; {@code rise} consecutive successes announce again. */
  DOWN(Announcement.WITHDRAWN),
  /** Draining: announced with GRACEFUL_SHUTDOWN until the drain delay has passed. */
  DRAINING(Announcement.GRACEFUL_SHUTDOWN),
  /** Drained: withdrawn whatever the self-test says, until resumed. */
  DRAINED(Announcement.WITHDRAWN),
  /** Stopping: withdrawn for good. */
  STOPPED(Announcement.WITHDRAWN);

  private final Announcement announcement;

  Phase(Announcement announcement) {
    this.announcement = announcement;
  }

  /** What the speaker announces in this phase. */
  public Announcement announcement() {
    return announcement;
  }
}
