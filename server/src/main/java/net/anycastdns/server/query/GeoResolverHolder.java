package net.anycastdns.server.query;

import java.util.concurrent.atomic.AtomicReference;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.zones.ZoneSet;

/**
 * The GeoDNS resolvers served, each bound to the zone set its geo.yaml was checked against. A
 * reload publishes the new binding here before it swaps the zone set, and keeps the binding it
 * replaces; a query asks for the resolver of the zone set it already took, so zones and GeoDNS
 * always come from the same revision, without a lock and without a second swap to wait for.
 */
public final class GeoResolverHolder {
  /** A resolver (null: the revision has no geo.yaml) for one zone set, and the binding before. */
  private record Binding(ZoneSet zones, GeoResolver resolver, Binding previous) {}

  private final AtomicReference<Binding> current = new AtomicReference<>();

  /**
   * The resolver for {@code zones}, or null when that set is served without GeoDNS (or is so old
   * that two reloads passed while its query was being answered).
   */
  public GeoResolver resolverFor(ZoneSet zones) {
    Binding b = current.get();
    if (b == null) {
      return null;
    }
    if (b.zones == zones) {
      return b.resolver;
    }
    Binding p = b.previous;
    return p != null && p.zones == zones ? p.resolver : null;
  }

  /** Binds {@code resolver} (null: no geo services) to {@code zones}, about to be served. */
  public void publish(ZoneSet zones, GeoResolver resolver) {
    Binding before = current.get();
    // Only one binding back is kept, so replaced zone sets do not stay reachable from here.
    Binding previous = before == null ? null : new Binding(before.zones, before.resolver, null);
    current.set(new Binding(zones, resolver, previous));
  }
}
