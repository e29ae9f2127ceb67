package net.anycastdns.zones;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one mutable place of the zone data: the zone set now served. A reload builds a whole new
 * {@link ZoneSet} aside and publishes it here in one step; a query reads the reference once and
 * uses that set to the end, so it never sees half of a reload and never waits for one.
 */
public final class ZoneSetHolder {
  private final AtomicReference<ZoneSet> current = new AtomicReference<>(ZoneSet.empty());

  /** The zone set to answer the next query from. */
  public ZoneSet current() {
    return current.get();
  }

  /** Makes {@code next} the served set; returns the set it replaced. */
  public ZoneSet publish(ZoneSet next) {
    return current.getAndSet(next);
  }
}
