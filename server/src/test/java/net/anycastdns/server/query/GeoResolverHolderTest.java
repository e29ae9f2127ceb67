package net.anycastdns.server.query;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.geo.HealthView;
import net.anycastdns.zones.ZoneSet;
import org.junit.jupiter.api.Test;

/**
 * A query answers GeoDNS from the geo.yaml of the revision whose zones it took, even while a reload
 * publishes the next revision's resolver a moment before its zones.
 */
class GeoResolverHolderTest {
  private static GeoResolver resolver() throws Exception {
    byte[] yaml = "pops:\n  fra1: {lat: 50.11, lon: 8.68}\n".getBytes(StandardCharsets.UTF_8);
    return GeoResolver.create(
        GeoConfig.load("geo.yaml", yaml, name -> null), null, HealthView.ALL_HEALTHY);
  }

  @Test
  void eachZoneSetGetsTheResolverBoundToIt() throws Exception {
    ZoneSet a = ZoneSet.of(List.of(), 1);
    ZoneSet b = ZoneSet.of(List.of(), 2);
    ZoneSet c = ZoneSet.of(List.of(), 3);
    GeoResolver ra = resolver();
    GeoResolver rb = resolver();
    GeoResolverHolder holder = new GeoResolverHolder();
    assertNull(holder.resolverFor(a), "nothing published");

    holder.publish(a, ra);
    assertSame(ra, holder.resolverFor(a));

    // b's resolver is out, b's zones not yet: a query that took a still gets a's resolver.
    holder.publish(b, rb);
    assertSame(ra, holder.resolverFor(a));
    assertSame(rb, holder.resolverFor(b));

    // c comes without geo.yaml: no GeoDNS for its queries, b's still answered for b's.
    holder.publish(c, null);
    assertNull(holder.resolverFor(c));
    assertSame(rb, holder.resolverFor(b));
    assertNull(holder.resolverFor(a), "only one binding back is kept");
  }
}
