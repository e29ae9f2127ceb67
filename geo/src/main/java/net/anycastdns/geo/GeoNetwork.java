package net.anycastdns.geo;

import java.util.List;
import net.anycastdns.common.IpPrefix;

/**
 * One entry of geo.yaml's {@code networks}: clients in {@code prefix} are either at a point or
 * pinned to a PoP.
 *
 * @param prefix the client network
 * @param lat latitude in degrees (NaN when pinned)
 * @param lon longitude in degrees (NaN when pinned)
 * @param pinnedPop the PoP index the network is pinned to, or -1
 */
record GeoNetwork(IpPrefix prefix, double lat, double lon, int pinnedPop) {
  boolean pinned() {
    return pinnedPop >= 0;
  }

  /** The PoP order for clients of this network, before health is considered. */
  int[] order(List<Pop> pops) {
    return pinned() ? PopOrders.startingAt(pops, pinnedPop) : PopOrders.byDistance(pops, lat, lon);
  }

  /** How {@code geo-test} shows a client located by this entry. */
  String describe(List<Pop> pops) {
    return pinned()
        ? "network " + prefix + " pinned to " + pops.get(pinnedPop).name()
        : "network " + prefix + " at " + lat + "," + lon;
  }
}
