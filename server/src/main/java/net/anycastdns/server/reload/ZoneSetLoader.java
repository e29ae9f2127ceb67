package net.anycastdns.server.reload;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.server.config.SerialPolicy;
import net.anycastdns.server.config.ZonePolicies;
import net.anycastdns.server.config.ZonePolicy;
import net.anycastdns.zones.Serials;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneProblem;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * Builds the next {@link ServedRevision} from a revision, beside the one served: every changed
 * {@code NAME.zone} file parsed and checked as {@code check} does, the serial rule applied, the
 * revision's {@code geo.yaml} read and checked against its zones. Files whose blob id did not
 * change keep their compiled snapshot. It touches nothing served; publishing is the {@link
 * Reloader}'s.
 */
public final class ZoneSetLoader {
  /** The file GeoDNS reads from a zone folder, beside the zones. */
  public static final String GEO_FILE = "geo.yaml";

  /** How errors are taken. */
  public enum Mode {
    /** Any error refuses the whole revision: reloads, where the old set keeps serving. */
    STRICT,
    /**
     * A zone with errors is left out and the others served: the first load of a process, which has
     * nothing else to serve.
     */
    LENIENT,
    /**
     * As {@link #LENIENT}, and every signature of a signed zone verified too: {@code check}, which
     * can afford what a reload cannot.
     */
    CHECK
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
      ServedRevision state,
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

  private ZoneSetLoader() {}

  /**
   * Loads {@code next} beside {@code current}.
   *
   * @param policies the zone policies to load it with
   * @param pop this server's PoP, which a revision's geo.yaml must list; or null
   * @param generation the generation of the new zone set
   */
  public static Load load(
      Revision next,
      ServedRevision current,
      ZonePolicies policies,
      String pop,
      Mode mode,
      long generation) {
    return load(next, current, policies, pop, mode, generation, Instant.now());
  }

  /**
   * Loads {@code next} beside {@code current} as of {@code now}: the time zones are signed at, and
   * their signatures and keys judged by.
   */
  public static Load load(
      Revision next,
      ServedRevision current,
      ZonePolicies policies,
      String pop,
      Mode mode,
      long generation,
      Instant now) {
    ZoneDirectoryLoader.Options checks =
        new ZoneDirectoryLoader.Options(Clock.fixed(now, ZoneOffset.UTC), mode == Mode.CHECK);
    List<ZoneProblem> problems = new ArrayList<>(next.problems());
    GeoConfig geo = GeoStep.read(next, problems);
    ZoneSigningStep signing = ZoneSigningStep.read(policies, now, geo);
    problems.addAll(signing.problems());
    Map<String, ServedZone> byFile = new LinkedHashMap<>();
    Map<String, Compiled> compiled = compileChanged(next, current, checks, signing);
    int parsed = 0;
    int reused = 0;
    for (SourceFile file : next.files()) {
      if (!ZoneDirectoryLoader.isZoneFile(file.name())) {
        continue;
      }
      ServedZone before = current.byFile().get(file.name());
      if (signing.reusable(file, before)) {
        byFile.put(file.name(), before);
        reused++;
        continue;
      }
      parsed++;
      Compiled c = compiled.get(file.name());
      problems.addAll(c.problems());
      ZoneSnapshot zone = c.zone();
      boolean sameFile = before != null && before.blobId().equals(file.blobId());
      if (zone != null
          && (before == null
              || sameFile
              || serialIncreased(
                  file, before.zone(), zone, policies.of(zone.origin()), problems))) {
        byFile.put(file.name(), new ServedZone(file.blobId(), zone, signing.inputs(zone.origin())));
      }
    }
    problems.addAll(signing.unusedKeys(next, byFile.values()));
    problems.addAll(sameZoneTwice(byFile));
    if (next.files().stream().noneMatch(f -> ZoneDirectoryLoader.isZoneFile(f.name()))) {
      // A revision without any zone (a bad --git-path, a botched move, the wrong folder) would
      // have this PoP answer REFUSED to everything: refused, at startup as on a reload.
      problems.add(ZoneProblem.error("", 0, "no NAME.zone file in " + next.describe()));
      return new Load(null, problems, List.of(), parsed, reused);
    }
    if (mode == Mode.STRICT && problems.stream().anyMatch(ZoneProblem::isError)) {
      return new Load(null, problems, List.of(), parsed, reused);
    }
    List<ZoneSnapshot> zones = byFile.values().stream().map(ServedZone::zone).toList();
    ZoneSet set = ZoneSet.of(zones, generation);
    GeoConfig geoConfig = GeoStep.check(geo, next, set, pop, problems);
    ZoneSigningStep.signGeoAnswers(geoConfig, set);
    for (Name zone : policies.zones().keySet()) {
      if (zones.stream().noneMatch(z -> z.origin().equals(zone))) {
        problems.add(
            ZoneProblem.warning("", 0, "zone-settings for " + zone + ": no such zone is served"));
      }
    }
    if (mode == Mode.STRICT && problems.stream().anyMatch(ZoneProblem::isError)) {
      return new Load(null, problems, List.of(), parsed, reused);
    }
    List<ZonePolicy> zonePolicies = zones.stream().map(z -> policies.of(z.origin())).toList();
    ServedRevision state =
        new ServedRevision(
            next.id(), next.commit(), set, byFile, geoConfig, zonePolicies, policies.keys());
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
    byFile
        .entrySet()
        .removeIf(
            e -> {
              String other = fileOf.putIfAbsent(e.getValue().zone().origin(), e.getKey());
              if (other != null) {
                // The second file is left out, so that even where errors do not refuse the
                // revision (the first load) one file answers for the zone, always the same.
                problems.add(
                    ZoneProblem.error(
                        e.getKey(),
                        0,
                        "zone " + e.getValue().zone().origin() + " is also in " + other));
              }
              return other != null;
            });
    return problems;
  }

  /** A parsed and checked file: its zone, null when it has errors, and its problems. */
  private record Compiled(ZoneSnapshot zone, List<ZoneProblem> problems) {}

  /**
   * Parses and checks every zone file of {@code next} whose blob changed, on every core at once:
   * zones are independent, and ten thousand small ones load in a fraction of the time.
   */
  private static Map<String, Compiled> compileChanged(
      Revision next,
      ServedRevision current,
      ZoneDirectoryLoader.Options checks,
      ZoneSigningStep signing) {
    return next.files().parallelStream()
        .filter(f -> ZoneDirectoryLoader.isZoneFile(f.name()))
        .filter(f -> !signing.reusable(f, current.byFile().get(f.name())))
        .collect(
            java.util.stream.Collectors.toConcurrentMap(
                SourceFile::name,
                f -> compile(f, checks, signing, current.byFile().get(f.name()))));
  }

  /** Parses and checks one file, as {@code checks} says, and signs it when it has keys. */
  private static Compiled compile(
      SourceFile file,
      ZoneDirectoryLoader.Options checks,
      ZoneSigningStep signing,
      ServedZone before) {
    byte[] text;
    try {
      text = file.content().read();
    } catch (IOException e) {
      return new Compiled(
          null, List.of(ZoneProblem.error(file.path(), 0, "cannot read: " + e.getMessage())));
    }
    List<ZoneProblem> keyErrors = signing.errors(file);
    if (!keyErrors.isEmpty()) {
      return new Compiled(null, keyErrors);
    }
    ZoneDirectoryLoader.ZoneLoad load =
        ZoneDirectoryLoader.load(
            file.name(), text, checks, signing.of(file, before == null ? null : before.zone()));
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
  private static boolean serialIncreased(
      SourceFile file,
      ZoneSnapshot before,
      ZoneSnapshot after,
      ZonePolicy policy,
      List<ZoneProblem> problems) {
    // A zone signed here is served with a serial of its own (ZoneSigner.servedSerial): the rule is
    // about the file, whose serial its author raises.
    if (Serials.isGreater(after.sourceSerial(), before.sourceSerial())) {
      return true;
    }
    String message =
        "zone changed but its serial "
            + after.sourceSerial()
            + " is not greater than "
            + before.sourceSerial()
            + ", the serial served (RFC 1982)";
    if (policy.serialPolicy() == SerialPolicy.WARN) {
      problems.add(ZoneProblem.warning(file.path(), after.soaLine(), message));
      return true;
    }
    problems.add(ZoneProblem.error(file.path(), after.soaLine(), message + "; raise the serial"));
    return false;
  }

  private static boolean signedHere(ZoneSnapshot zone) {
    return zone.dnssec() != null && zone.dnssec().online() != null;
  }

  private static List<ZoneChange> changes(ServedRevision current, Map<String, ServedZone> next) {
    List<ZoneChange> changes = new ArrayList<>();
    next.forEach(
        (file, zone) -> {
          ServedZone before = current.byFile().get(file);
          if (before == null) {
            changes.add(ZoneChange.of(null, zone.zone()));
          } else if (!before.blobId().equals(zone.blobId())
              || (before.zone() != zone.zone() && signedHere(zone.zone()))) {
            // A zone whose file stayed is listed when it was signed again: its serial moved.
            changes.add(ZoneChange.of(before.zone(), zone.zone()));
          }
        });
    current
        .byFile()
        .forEach(
            (file, zone) -> {
              if (!next.containsKey(file)) {
                changes.add(ZoneChange.of(zone.zone(), null));
              }
            });
    return changes;
  }
}
