package net.anycastdns.geo;

import java.util.List;
import net.anycastdns.common.IpLiterals;
import net.anycastdns.common.IpPrefix;

/**
 * Where a client is, as a PoP order: from the {@code networks} entries first (longest prefix), then
 * from the MaxMind database, else unknown. Also says from which prefix length on the answer holds
 * for the client's neighbours, the start of the ECS scope search.
 */
final class ClientLocator {
  /**
   * A located client.
   *
   * @param description how it was located, for {@link GeoDecision#location()}
   * @param order every PoP, nearest first
   * @param scopeFrom the prefix length over which the location itself is the same: the matched
   *     entry's, the MaxMind record's, 0 when no source distinguishes the client's neighbours
   */
  record Located(String description, int[] order, int scopeFrom) {}

  private final GeoConfig config;
  private final int[] unknownOrder;
  private final String unknownHow;

  /** {@code localPop} is the index of this server's PoP, or -1. */
  ClientLocator(GeoConfig config, int localPop) {
    this.config = config;
    List<Pop> pops = config.pops();
    if (localPop >= 0) {
      this.unknownOrder = PopOrders.startingAt(pops, localPop);
      this.unknownHow = "local pop " + pops.get(localPop).name() + " first";
    } else {
      this.unknownOrder = PopOrders.fileOrder(pops.size());
      this.unknownHow = "pops in file order";
    }
  }

  /**
   * The client that gave no address (ECS source prefix 0, RFC 7871 section 7.1.2): answered as a
   * client of unknown location, and the answer is for everyone.
   */
  Located nobody() {
    return new Located("no client address (ECS source prefix 0): " + unknownHow, unknownOrder, 0);
  }

  Located locate(ClientSubnet client) {
    NetworkTrie.Match m = config.networks(client.family()).longestMatch(client);
    if (m != null) {
      return new Located(
          m.network().describe(config.pops()),
          config.orders().get(m.orderId()),
          m.network().prefix().length());
    }
    MmdbLocator mmdb = config.mmdb();
    if (mmdb == null || !mmdb.covers(client.family())) {
      return new Located("unknown: " + unknownHow, unknownOrder, 0);
    }
    MmdbLocator.Lookup l = mmdb.lookup(client);
    String network =
        IpLiterals.format(IpPrefix.mask(client.address(), l.prefixLength()))
            + "/"
            + l.prefixLength();
    if (!l.located()) {
      return new Located(
          "unknown (" + mmdb.name() + " has no location for " + network + "): " + unknownHow,
          unknownOrder,
          l.prefixLength());
    }
    return new Located(
        "mmdb " + l.lat() + "," + l.lon() + " in " + network,
        PopOrders.byDistance(config.pops(), l.lat(), l.lon()),
        l.prefixLength());
  }
}
