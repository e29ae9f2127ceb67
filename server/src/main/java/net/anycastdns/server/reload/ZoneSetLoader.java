package net.anycastdns.server.reload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.zones.Serials;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneProblem;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * Builds the next {@link ServingState} from a revision, beside the one served: every changed {@code
 * NAME.zone} file parsed and checked as {@code check} does, the serial rule applied, the revision's
 * {@code geo.yaml} read and checked against its zones. Files whose blob id did not change keep
 * their compiled snapshot. It touches nothing served; publishing is the {@link Reloader}'s.
 */
public final class ZoneSetLoader {
  /** How errors are taken. */
  public enum Mode {
    /** Any error refuses the whole revision: reloads, where the old set keeps serving. */
    STRICT,
    /**
     * A zone with errors is left out and the others served: the first load of a process, which has
     * nothing else to serve.
     */
    LENIENT
  }

  /**
   * The outcome of a load.
   *
   * @param state the state to serve, or null when the revision is refused
   * @param problems every problem found, errors and warnings
   * @param changes how the zones differ from the set served
   * @param parsed files parsed
   * @param reused files whose snapshot was reused by blob id
   */
  public record Load(
      ServingState state,
      List<ZoneProblem> problems,
      List<ZoneChange> changes,
      int parsed,
      int reused) {
    public Load {
      problems = List.copyOf(problems);
      changes = List.copyOf(changes);
    }

    public boolean refused() {
      return state == null;
    }

    public List<ZoneProblem> errors() {
      return problems.stream().filter(ZoneProblem::isError).toList();
    }
  }

  private final SerialPolicy serialPolicy;
  private final GeoStep geo;

  /**
   * @param pop this server's {@code --pop}, which a revision's geo.yaml must list; or null
   */
  public ZoneSetLoader(SerialPolicy serialPolicy, String pop) {
    this.serialPolicy = serialPolicy;
    this.geo = new GeoStep(pop);
  }

  /**
   * Loads {@code next} beside {@code current}.
   *
   * @param generation the generation of the new zone set
   */
  public Load load(Revision next, ServingState current, Mode mode, long generation) {
    List<ZoneProblem> problems = new ArrayList<>(next.problems());
    Map<String, ServedZone> byFile = new LinkedHashMap<>();
    Map<String, Compiled> compiled = compileChanged(next, current);
    int parsed = 0;
    int reused = 0;
    for (SourceFile file : next.files()) {
      if (!ZoneDirectoryLoader.isZoneFile(file.name())) {
        continue;
      }
      ServedZone before = current.byFile().get(file.name());
      if (before != null && before.blobId().equals(file.blobId())) {
        byFile.put(file.name(), before);
        reused++;
        continue;
      }
      parsed++;
      Compiled c = compiled.get(file.name());
      problems.addAll(c.problems());
      ZoneSnapshot zone = c.zone();
      if (zone != null
          && (before == null || serialIncreased(file, before.zone(), zone, problems))) {
        byFile.put(file.name(), new ServedZone(file.blobId(), zone));
      }
    }
    problems.addAll(sameZoneTwice(byFile));
    if (mode == Mode.STRICT) {
      if (next.files().stream().noneMatch(f -> ZoneDirectoryLoader.isZoneFile(f.name()))) {
        // A revision that lost every zone (a bad --git-path, a botched move) would have this PoP
        // answer REFUSED to everything: refused like any other error.
        problems.add(ZoneProblem.error("", 0, "no NAME.zone file in " + next.describe()));
      }
      if (problems.stream().anyMatch(ZoneProblem::isError)) {
        return new Load(null, problems, List.of(), parsed, reused);
      }
    }
    List<ZoneSnapshot> zones = byFile.values().stream().map(ServedZone::zone).toList();
    ZoneSet set = ZoneSet.of(zones, generation);
    GeoConfig geoConfig = geo.load(next, set, problems);
    if (mode == Mode.STRICT && problems.stream().anyMatch(ZoneProblem::isError)) {
      return new Load(null, problems, List.of(), parsed, reused);
    }
    ServingState state = new ServingState(next.id(), next.commit(), set, byFile, geoConfig);
    return new Load(state, problems, changes(current, byFile), parsed, reused);
  }

  /**
   * Zone names are case-insensitive (RFC 4343), so {@code Example.com.zone} and {@code
   * example.com.zone} would both be the zone {@code example.com.}: which one answered would depend
   * on the order of the files.
   */
  private static List<ZoneProblem> sameZoneTwice(Map<String, ServedZone> byFile) {
    List<ZoneProblem> problems = new ArrayList<>();
    Map<Name, String> fileOf = new HashMap<>();
    byFile.forEach(
        (file, zone) -> {
          String other = fileOf.putIfAbsent(zone.zone().origin(), file);
          if (other != null) {
            problems.add(
                ZoneProblem.error(
                    file, 0, "zone " + zone.zone().origin() + " is also in " + other));
          }
        });
    return problems;
  }

  /** A parsed and checked file: its zone, null when it has errors, and its problems. */
  private record Compiled(ZoneSnapshot zone, List<ZoneProblem> problems) {}

  /**
   * Parses and checks every zone file of {@code next} whose blob changed, on every core at once:
   * zones are independent, and ten thousand small ones load in a fraction of the time.
   */
  private static Map<String, Compiled> compileChanged(Revision next, ServingState current) {
    return next.files().parallelStream()
        .filter(f -> ZoneDirectoryLoader.isZoneFile(f.name()))
        .filter(
            f -> {
              ServedZone before = current.byFile().get(f.name());
              return before == null || !before.blobId().equals(f.blobId());
            })
        .collect(
            java.util.stream.Collectors.toConcurrentMap(SourceFile::name, ZoneSetLoader::compile));
  }

  /** Parses and checks one file. */
  private static Compiled compile(SourceFile file) {
    byte[] text;
    try {
      text = file.content().read();
    } catch (IOException e) {
      return new Compiled(
          null, List.of(ZoneProblem.error(file.path(), 0, "cannot read: " + e.getMessage())));
    }
    ZoneDirectoryLoader.ZoneLoad load = ZoneDirectoryLoader.load(file.name(), text);
    List<ZoneProblem> problems = new ArrayList<>();
    for (ZoneProblem p : load.problems()) {
      problems.add(new ZoneProblem(file.path(), p.line(), p.severity(), p.message()));
    }
    return new Compiled(load.zone(), problems);
  }

  /**
   * Whether a changed zone may replace the one served: its serial must be greater in RFC 1982
   * arithmetic. Under {@link SerialPolicy#WARN} it may anyway, with a warning.
   */
  private boolean serialIncreased(
      SourceFile file, ZoneSnapshot before, ZoneSnapshot after, List<ZoneProblem> problems) {
    if (Serials.isGreater(after.serial(), before.serial())) {
      return true;
    }
    String message =
        "zone changed but its serial "
            + after.serial()
            + " is not greater than "
            + before.serial()
            + ", the serial served (RFC 1982)";
    if (serialPolicy == SerialPolicy.WARN) {
      problems.add(ZoneProblem.warning(file.path(), after.soaLine(), message));
      return true;
    }
    problems.add(ZoneProblem.error(file.path(), after.soaLine(), message + "; raise the serial"));
    return false;
  }

  private static List<ZoneChange> changes(ServingState current, Map<String, ServedZone> next) {
    List<ZoneChange> changes = new ArrayList<>();
    next.forEach(
        (file, zone) -> {
          ServedZone before = current.byFile().get(file);
          if (before == null) {
            changes.add(
                new ZoneChange(zone.zone().origin().toString(), null, zone.zone().serial()));
          } else if (!before.blobId().equals(zone.blobId())) {
            changes.add(
                new ZoneChange(
                    zone.zone().origin().toString(), before.zone().serial(), zone.zone().serial()));
          }
        });
    current
        .byFile()
        .forEach(
            (file, zone) -> {
              if (!next.containsKey(file)) {
                changes.add(
                    new ZoneChange(zone.zone().origin().toString(), zone.zone().serial(), null));
              }
            });
    return changes;
  }
}
