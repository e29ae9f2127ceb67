package net.anycastdns.server.reload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.geo.GeoService;
import net.anycastdns.server.config.ZonePolicies;
import net.anycastdns.zones.OnlineSigning;
import net.anycastdns.zones.RRset;
import net.anycastdns.zones.WireName;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneProblem;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSigning;
import net.anycastdns.zones.ZoneSnapshot;
import net.anycastdns.zones.keys.KeyFolder;
import net.anycastdns.zones.keys.SigningKey;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The signing part of one load: the key folder ({@code dnssec: {keys: DIR}}) read again, and for
 * each zone file whether it is signed, with which keys and policy, and whether the snapshot served
 * can be kept: a zone signed here is signed again when its file, its key files or its policy
 * changed, and when its signatures are due ({@link OnlineSigning#resignAt()}: a third of their
 * validity left, or a key's timing event).
 */
final class ZoneSigningStep {
  /** The most answers of one service and type signed at load; the rest are signed on first use. */
  private static final int GEO_ANSWERS_AT_LOAD = 1000;

  private final ZonePolicies policies;
  private final KeyFolder.Contents keys;
  private final Instant now;
  private final List<ZoneSigning.GeoName> geoNames;

  private ZoneSigningStep(
      ZonePolicies policies,
      KeyFolder.Contents keys,
      Instant now,
      List<ZoneSigning.GeoName> geoNames) {
    this.policies = policies;
    this.keys = keys;
    this.now = now;
    this.geoNames = geoNames;
  }

  /**
   * Reads the key folder of {@code policies}, if it names one.
   *
   * @param geo the revision's geo.yaml, whose service names join the chains of their zones; or null
   */
  static ZoneSigningStep read(ZonePolicies policies, Instant now, GeoConfig geo) {
    KeyFolder.Contents keys =
        policies.dnssecKeys() == null
            ? KeyFolder.Contents.EMPTY
            : KeyFolder.read(policies.dnssecKeys());
    List<ZoneSigning.GeoName> names = new ArrayList<>();
    if (geo != null) {
      for (GeoService s : geo.services()) {
        names.add(
            new ZoneSigning.GeoName(
                Name.fromConstantString(s.name()), s.answers(Type.A), s.answers(Type.AAAA)));
      }
    }
    return new ZoneSigningStep(policies, keys, now, List.copyOf(names));
  }

  /** The GeoDNS names inside {@code zone}. */
  private List<ZoneSigning.GeoName> geoNames(Name zone) {
    return geoNames.stream().filter(g -> g.name().subdomain(zone)).toList();
  }

  /**
   * Signs, into the zones signed here, the answers every geo service of {@code geo} can give (each
   * set of PoPs and the fail-open set, for A and AAAA; up to {@value #GEO_ANSWERS_AT_LOAD} of
   * each), as Knot's geoip module signs its views at load: queries then find them signed.
   */
  static void signGeoAnswers(GeoConfig geo, ZoneSet zones) {
    if (geo == null) {
      return;
    }
    for (GeoService s : geo.services()) {
      byte[] name = WireName.of(s.name());
      ZoneSnapshot zone = zones.findZone(name);
      OnlineSigning online = zone == null || zone.dnssec() == null ? null : zone.dnssec().online();
      if (online == null) {
        continue;
      }
      for (int type : new int[] {Type.A, Type.AAAA}) {
        for (byte[][] rdata : s.answerSets(type, GEO_ANSWERS_AT_LOAD)) {
          online.signAnswer(RRset.of(name, type, s.ttl(), rdata));
        }
      }
    }
  }

  /** Problems of the folder itself: names that are no key files, a folder others can read. */
  List<ZoneProblem> problems() {
    return keys.problems();
  }

  /**
   * What the zone is signed with, for comparing loads: the digest of its key files and its signing
   * policy; null when the folder has no key file of it.
   */
  String inputs(Name zone) {
    String digest = keys.digests().get(zone);
    return digest == null
        ? null
        : digest + " " + policies.of(zone).signing() + " " + geoNames(zone);
  }

  /** Whether the snapshot of {@code before} can serve for {@code file} as it is. */
  boolean reusable(SourceFile file, ServedZone before) {
    return before != null
        && before.blobId().equals(file.blobId())
        && Objects.equals(before.signedWith(), inputs(before.zone().origin()))
        && !due(before.zone(), now);
  }

  /** The problems of the zone's key files: with any, the zone is not signed, nor served. */
  List<ZoneProblem> errors(SourceFile file) {
    Name zone = ZoneDirectoryLoader.zoneName(file.name());
    return zone == null ? List.of() : keys.zoneErrors().getOrDefault(zone, List.of());
  }

  /**
   * What the zone of {@code file} is signed with, or null when it has no keys.
   *
   * @param before the snapshot served until now, whose serial the next one must exceed and whose
   *     signatures are kept where still good; or null
   */
  ZoneSigning of(SourceFile file, ZoneSnapshot before) {
    Name zone = ZoneDirectoryLoader.zoneName(file.name());
    List<SigningKey> zoneKeys = zone == null ? null : keys.keys().get(zone);
    if (zoneKeys == null) {
      return null;
    }
    return new ZoneSigning(zoneKeys, policies.of(zone).signing(), now, before, geoNames(zone));
  }

  /**
   * Warnings about keys that sign nothing: keys of a zone the revision has no file of, and keys of
   * a zone that arrived signed (served as it came, part 1 of DNSSEC).
   */
  List<ZoneProblem> unusedKeys(Revision revision, Collection<ServedZone> served) {
    List<ZoneProblem> out = new ArrayList<>();
    Set<Name> files =
        revision.files().stream()
            .map(f -> ZoneDirectoryLoader.zoneName(f.name()))
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    String dir = String.valueOf(policies.dnssecKeys());
    for (Name zone : keys.zones()) {
      if (!files.contains(zone)) {
        out.add(
            ZoneProblem.warning(
                dir, 0, "key files for zone " + zone + ", which is not served here: not used"));
      }
    }
    for (ServedZone z : served) {
      ZoneSnapshot zone = z.zone();
      if (keys.zones().contains(zone.origin())
          && zone.dnssec() != null
          && zone.dnssec().online() == null) {
        out.add(
            ZoneProblem.warning(
                zone.file(),
                0,
                "zone "
                    + zone.origin()
                    + " arrived signed: it is served as it came, and its keys in "
                    + dir
                    + " are not used"));
      }
    }
    return out;
  }

  /** Whether {@code zone}, signed here, must be signed again at {@code now}. */
  static boolean due(ZoneSnapshot zone, Instant now) {
    OnlineSigning online = zone.dnssec() == null ? null : zone.dnssec().online();
    return online != null && !now.isBefore(online.resignAt());
  }

  /** The earliest time a zone of {@code revision} must be signed again, or null. */
  static Instant nextResign(ServedRevision revision) {
    Instant next = null;
    for (ZoneSnapshot z : revision.zones().zones()) {
      OnlineSigning online = z.dnssec() == null ? null : z.dnssec().online();
      if (online != null && (next == null || online.resignAt().isBefore(next))) {
        next = online.resignAt();
      }
    }
    return next;
  }

  /**
   * Whether a sync of the revision served must load it again although neither it nor the policies
   * changed: a zone's signatures are due, or the key files of a zone changed.
   */
  static boolean signingChanged(ServedRevision served, ZonePolicies policies, Instant now) {
    ZoneSigningStep step = read(policies, now, served.geo());
    for (ServedZone z : served.byFile().values()) {
      if (due(z.zone(), now) || !Objects.equals(z.signedWith(), step.inputs(z.zone().origin()))) {
        return true;
      }
    }
    return false;
  }
}
