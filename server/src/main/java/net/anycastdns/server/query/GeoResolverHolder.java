package net.anycastdns.server.query;

import java.util.concurrent.atomic.AtomicReference;
import net.anycastdns.geo.GeoResolver;

/**
 * The GeoDNS resolver now served, or none when the zone folder has no {@code geo.yaml}. Like the
 * zone set it is replaced whole, by swapping one reference, and read once per query.
 */
public final class GeoResolverHolder {
  private final AtomicReference<GeoResolver> current = new AtomicReference<>();

  /** The resolver to answer the next query with, or null. */
  public GeoResolver current() {
    return current.get();
  }

  /** Makes {@code next} (null: no geo services) the served resolver. */
  public void publish(GeoResolver next) {
    current.set(next);
  }
}
