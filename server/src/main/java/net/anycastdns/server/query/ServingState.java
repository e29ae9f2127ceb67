package net.anycastdns.server.query;

import java.util.List;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.server.config.ZonePolicy;
import net.anycastdns.server.tsig.TsigKeyring;
import net.anycastdns.zones.ZoneSet;

/**
 * Everything a query is answered from, of one revision: the zones, the GeoDNS resolver checked
 * against those zones, and each zone's policy. Immutable; a reload builds the next one aside and
 * publishes it with one reference swap ({@link ServingStateHolder}), as Knot swaps its zone
 * database (RCU), so a query that took a state once never sees parts of two revisions.
 */
public final class ServingState {
  /** Nothing served: every query is refused. */
  public static final ServingState EMPTY =
      new ServingState(ZoneSet.empty(), null, List.of(), TsigKeyring.EMPTY);

  private final ZoneSet zones;
  private final GeoResolver geo;
  private final ZonePolicy[] policies;
  private final TsigKeyring keys;

  /**
   * @param zones the zones served
   * @param geo GeoDNS for the services of the revision's geo.yaml, or null when it has none
   * @param policies the policy of each zone, in the order of {@link ZoneSet#zones()}
   * @param keys the TSIG keys signed requests are checked against
   */
  public ServingState(ZoneSet zones, GeoResolver geo, List<ZonePolicy> policies, TsigKeyring keys) {
    if (policies.size() != zones.zones().size()) {
      throw new IllegalArgumentException(
          policies.size() + " policies for " + zones.zones().size() + " zones");
    }
    this.zones = zones;
    this.geo = geo;
    this.policies = policies.toArray(new ZonePolicy[0]);
    this.keys = keys;
  }

  public ZoneSet zones() {
    return zones;
  }

  /** The GeoDNS resolver, or null when the revision has no geo.yaml. */
  public GeoResolver geo() {
    return geo;
  }

  /** The policy of the zone at {@code zoneIndex} of {@link ZoneSet#zones()}. */
  public ZonePolicy policy(int zoneIndex) {
    return policies[zoneIndex];
  }

  /** The TSIG keys of the revision's configuration. */
  public TsigKeyring keys() {
    return keys;
  }

  /** The zone set's generation: it grows with every state published. */
  public long generation() {
    return zones.generation();
  }
}
