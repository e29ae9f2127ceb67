package net.anycastdns.server.reload;

import java.util.List;
import java.util.Map;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.server.config.ZonePolicy;
import net.anycastdns.server.tsig.TsigKeyring;
import net.anycastdns.zones.ZoneSet;

/**
 * A revision loaded, as the reload thread keeps it: what it published, and what the next load needs
 * to reuse (each zone's blob id) and to compare with (the policies). The reload thread keeps the
 * one served now and builds the next beside it; the query path sees only the {@link
 * net.anycastdns.server.query.ServingState} made from it.
 *
 * @param revisionId the {@link Revision#id()} served, or null before anything is
 * @param commit the commit served, or null (a folder, or nothing yet)
 * @param zones the zone set
 * @param byFile the zones by file name, with their blob ids, for reuse by the next load
 * @param geo the revision's geo.yaml, compiled, or null when it has none
 * @param policies the policy of each zone, in the order of {@link ZoneSet#zones()}
 * @param keys the TSIG keys the policies were read with
 */
public record ServedRevision(
    String revisionId,
    String commit,
    ZoneSet zones,
    Map<String, ServedZone> byFile,
    GeoConfig geo,
    List<ZonePolicy> policies,
    TsigKeyring keys) {
  /** Nothing served yet. */
  public static final ServedRevision EMPTY =
      new ServedRevision(null, null, ZoneSet.empty(), Map.of(), null, List.of(), TsigKeyring.EMPTY);

  public ServedRevision {
    byFile = Map.copyOf(byFile);
    policies = List.copyOf(policies);
  }
}
