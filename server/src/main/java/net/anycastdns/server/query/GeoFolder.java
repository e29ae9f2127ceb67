package net.anycastdns.server.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.geo.GeoConfigException;
import net.anycastdns.geo.GeoProblem;
import net.anycastdns.zones.ZoneSet;

/**
 * The {@code geo.yaml} of a zone folder, read and checked against the zones loaded from the same
 * folder: the file's own problems, then service names that are not where a geo answer can stand.
 */
public final class GeoFolder {
  /** The file name GeoDNS reads from a zone folder. */
  public static final String FILE = "geo.yaml";

  private GeoFolder() {}

  /**
   * @param config the configuration, or null when the folder has no geo.yaml or it has problems
   * @param problems every problem found, as {@code file:line: message}
   */
  public record Loaded(GeoConfig config, List<GeoProblem> problems) {
    /** True when there is a geo.yaml and it can be served. */
    public boolean present() {
      return config != null;
    }
  }

  /** Reads {@code dir/geo.yaml}, if there is one, and validates it against {@code zones}. */
  public static Loaded load(Path dir, ZoneSet zones) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return new Loaded(null, List.of());
    }
    GeoConfig config;
    try {
      config = GeoConfig.load(file);
    } catch (GeoConfigException e) {
      return new Loaded(null, e.problems());
    }
    List<GeoProblem> problems = config.validate(new ZoneSetPlacement(zones));
    return problems.isEmpty() ? new Loaded(config, List.of()) : new Loaded(null, problems);
  }
}
