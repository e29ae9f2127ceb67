package net.anycastdns.sidecar.health;

/** What the local BGP speaker is told to do with every anycast prefix. */
public enum Announcement {
  /** Not announced: routing sends this PoP's clients to other PoPs. */
  WITHDRAWN("withdrawn"),
  /** Announced normally. */
  ANNOUNCED("announced"),
  /**
   * Announced with the well-known community GRACEFUL_SHUTDOWN 65535:0 (RFC 8326, a community as RFC
   * 1997 defines them): neighbours lower the route's preference and move traffic to other PoPs
   * while this one still answers, so a planned withdrawal drops no queries.
   */
  GRACEFUL_SHUTDOWN("graceful-shutdown");

  private final String label;

  Announcement(String label) {
    this.label = label;
  }

  /** The lowercase name used in logs and metrics. */
  public String label() {
    return label;
  }

  /** True when the prefixes are in the speaker's announcements (with or without the community). */
  public boolean announced() {
    return this != WITHDRAWN;
  }
}
