package net.anycastdns.server.reload;

import java.io.IOException;
import java.util.List;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.server.query.ZoneSetPlacement;
import net.anycastdns.zones.ZoneProblem;
import net.anycastdns.zones.ZoneSet;

/**
 * The {@code geo.yaml} of a revision: read from the revision itself (the MaxMind database it names
 * too, so a commit never reaches for files of the host), checked against the zone set built from
 * the same revision, and required to list this server's PoP. Its problems count as the zones' do:
 * on a reload any error refuses the revision.
 */
final class GeoStep {
  private GeoStep() {}

  /**
   * The geo.yaml of {@code revision}, compiled but not yet checked against the zones (which sign
   * its service names into their chains first), or null when it has none or it does not compile.
   */
  static GeoConfig read(Revision revision, List<ZoneProblem> problems) {
    SourceFile file = find(revision, ZoneSetLoader.GEO_FILE);
    if (file == null) {
      return null;
    }
    try {
      return GeoConfig.load(
          file.path(),
          file.content().read(),
          name -> {
            SourceFile f = find(revision, name);
            return f == null ? null : f.content().read();
          });
    } catch (ConfigException e) {
      e.problems().forEach(p -> problems.add(error(p)));
      return null;
    } catch (IOException e) {
      problems.add(ZoneProblem.error(file.path(), 0, "cannot read: " + e.getMessage()));
      return null;
    }
  }

  /**
   * {@code config} ({@link #read}, or null) checked against the zone set built from the same
   * revision; null when it has errors.
   *
   * @param pop this server's PoP, which the file must list, or null
   */
  static GeoConfig check(
      GeoConfig config, Revision revision, ZoneSet zones, String pop, List<ZoneProblem> problems) {
    if (config == null) {
      return null;
    }
    SourceFile file = find(revision, ZoneSetLoader.GEO_FILE);
    ZoneSetPlacement placements = new ZoneSetPlacement(zones);
    List<ConfigProblem> placement = config.validate(placements);
    placement.forEach(p -> problems.add(error(p)));
    config
        .unsignedServices(placements)
        .forEach(p -> problems.add(ZoneProblem.warning(p.file(), p.line(), p.message())));
    if (pop != null && !config.hasPop(pop)) {
      problems.add(
          ZoneProblem.error(
              file.path(),
              0,
              "this server's --pop "
                  + pop
                  + " is not one of its PoPs ("
                  + String.join(", ", config.popNames())
                  + ")"));
      return null;
    }
    return placement.isEmpty() ? config : null;
  }

  private static SourceFile find(Revision revision, String name) {
    for (SourceFile f : revision.files()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static ZoneProblem error(ConfigProblem p) {
    return ZoneProblem.error(p.file(), p.line(), p.message());
  }
}
