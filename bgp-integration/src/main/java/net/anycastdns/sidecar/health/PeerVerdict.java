package net.anycastdns.sidecar.health;

/**
 * What the other PoPs' servers answered to the probes that failed here.
 *
 * @param asked peers that were asked (0 when none are configured or they were not needed)
 * @param failing peers that answered at least one of those probes wrongly too
 */
public record PeerVerdict(int asked, int failing) {
  /** No peers asked. */
  public static final PeerVerdict NONE = new PeerVerdict(0, 0);

  public PeerVerdict {
    if (asked < 0 || failing < 0 || failing > asked) {
      throw new IllegalArgumentException("bad peer counts " + failing + "/" + asked);
    }
  }

  /**
   * True when most peers (more than half) fail the same probes: the fault is then in the zone data
   * or in the probe itself, not in this PoP, and withdrawing here would only help take the service
   * down everywhere (as happened to Facebook's DNS in October 2021).
   */
  public boolean faultIsGlobal() {
    return asked > 0 && 2 * failing > asked;
  }

  @Override
  public String toString() {
    return failing + " of " + asked + " peers fail";
  }
}
