package net.anycastdns.server.config;

/** The version of this build, as the jar's manifest says it. */
public final class Version {
  private Version() {}

  /** The implementation version of this build, or "dev" when not run from the jar. */
  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
