package net.anycastdns.server.reload;

import java.util.Map;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.zones.ZoneSet;

/**
 * What is served, as one immutable value: the zone set and the revision it came from. The reload
 * thread keeps the one served now and builds the next beside it.
 *
 * <p>The revision's {@code geo.yaml} is here too, beside the zone set, so that zones and GeoDNS
 * always change together.
 *
 * @param revisionId the {@link Revision#id()} served, or null before anything is
 * @param commit the commit served, or null (a folder, or nothing yet)
 * @param zones the zone set published to the query path
 * @param byFile the zones by file name, with their blob ids, for reuse by the next load
 * @param geo the revision's geo.yaml, compiled, or null when it has none
 */
public record ServingState(
    String revisionId,
    String commit,
    ZoneSet zones,
    Map<String, ServedZone> byFile,
    GeoConfig geo) {
  /** Nothing served yet. */
  public static final ServingState EMPTY =
      new ServingState(null, null, ZoneSet.empty(), Map.of(), null);

  public ServingState {
    byFile = Map.copyOf(byFile);
  }
}
