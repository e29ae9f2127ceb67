package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Semantic checks of a grouped zone, the ones Knot's semantic checks and NSD's zone loading make:
 * an error keeps the zone from being served, a warning is only reported. Problems come back in line
 * order, after those {@link ZoneDraft} found while grouping.
 */
public final class ZoneChecks {
  private ZoneChecks() {}

  /** Every problem of the zone. */
  public static List<ZoneProblem> check(ZoneDraft zone) {
    List<ZoneProblem> problems = new ArrayList<>();
    checkApex(zone, problems);
    boolean hasDname = false;
    for (ZoneDraft.Owner owner : zone.owners.values()) {
      checkCname(zone.file, owner, problems);
      hasDname |= owner.has(Type.DNAME);
    }
    for (ZoneDraft.Owner owner : zone.owners.values()) {
      if (hasDname) {
        checkBelowDname(zone, owner, problems);
      }
      checkGlue(zone, owner, problems);
    }
    problems.sort(Comparator.comparingInt(ZoneProblem::line));
    List<ZoneProblem> all = new ArrayList<>(zone.problems);
    all.addAll(problems);
    return all;
  }

  private static void checkApex(ZoneDraft zone, List<ZoneProblem> problems) {
    ZoneDraft.Owner apex = zone.apex();
    List<ParsedRecord> soas =
        apex == null
            ? List.of()
            : apex.records.stream().filter(p -> p.record().getType() == Type.SOA).toList();
    if (soas.isEmpty()) {
      problems.add(ZoneProblem.error(zone.file, 0, "no SOA record at the apex " + zone.origin));
    } else if (soas.size() > 1) {
      problems.add(
          ZoneProblem.error(
              zone.file,
              soas.get(1).line(),
              "more than one SOA record at the apex " + zone.origin));
    }
    if (apex == null || !apex.has(Type.NS)) {
      problems.add(
          ZoneProblem.error(
              zone.file,
              soas.isEmpty() ? 0 : soas.get(0).line(),
              "no NS records at the apex " + zone.origin));
    }
  }

  private static void checkCname(String file, ZoneDraft.Owner owner, List<ZoneProblem> problems) {
    ParsedRecord cname = null;
    ParsedRecord other = null;
    for (ParsedRecord p : owner.records) {
      Record r = p.record();
      int t = r.getType();
      if (t == Type.CNAME) {
        if (cname == null) {
          cname = p;
        } else if (!r.rdataToString().equalsIgnoreCase(cname.record().rdataToString())) {
          problems.add(ZoneProblem.error(file, p.line(), "more than one CNAME at " + r.getName()));
        }
      } else if (t != Type.RRSIG && t != Type.NSEC && other == null) {
        // RFC 2181 section 10.1; DNSSEC's RRSIG and NSEC may stand beside a CNAME (RFC 4035 2.5).
        other = p;
      }
    }
    if (cname != null && other != null) {
      ParsedRecord later = cname.line() > other.line() ? cname : other;
      problems.add(
          ZoneProblem.error(
              file,
              later.line(),
              "CNAME beside other data at "
                  + cname.record().getName()
                  + " ("
                  + Type.string(other.record().getType())
                  + ")"));
    }
  }

  /** RFC 6672 section 2.3: a DNAME owner has no names below it. */
  private static void checkBelowDname(
      ZoneDraft zone, ZoneDraft.Owner owner, List<ZoneProblem> problems) {
    byte[] name = owner.name;
    int apexOffset = name.length - zone.apexName.length;
    for (int off = WireName.nextLabel(name, 0);
        off <= apexOffset && name[off] != 0;
        off = WireName.nextLabel(name, off)) {
      ZoneDraft.Owner above = zone.owner(name, off);
      if (above != null && above.has(Type.DNAME)) {
        ParsedRecord p = owner.records.get(0);
        problems.add(
            ZoneProblem.error(
                zone.file,
                p.line(),
                "data below the DNAME at "
                    + WireName.toString(above.name)
                    + ": "
                    + p.record().getName()
                    + " "
                    + Type.string(p.record().getType())
                    + " (RFC 6672 section 2.3)"));
        return;
      }
    }
  }

  private static void checkGlue(ZoneDraft zone, ZoneDraft.Owner owner, List<ZoneProblem> problems) {
    for (ParsedRecord p : owner.records) {
      if (p.record() instanceof NSRecord ns) {
        byte[] target = WireName.of(ns.getTarget());
        if (!WireName.isSubdomain(target, zone.apexName)) {
          continue;
        }
        ZoneDraft.Owner t = zone.owner(target);
        if (t == null || !(t.has(Type.A) || t.has(Type.AAAA))) {
          problems.add(
              ZoneProblem.warning(
                  zone.file,
                  p.line(),
                  "NS "
                      + ns.getTarget()
                      + " of "
                      + ns.getName()
                      + " is inside the zone but has no A or AAAA record (missing glue)"));
        }
      }
    }
  }
}
