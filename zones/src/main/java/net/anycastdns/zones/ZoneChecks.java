package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
    int owners = zone.owners();
    for (int o = 0; o < owners; o++) {
      checkCname(zone, o, problems);
      hasDname |= zone.has(o, Type.DNAME);
    }
    for (int o = 0; o < owners; o++) {
      if (hasDname) {
        checkBelowDname(zone, o, problems);
      }
      checkGlue(zone, o, problems);
    }
    problems.sort(Comparator.comparingInt(ZoneProblem::line));
    List<ZoneProblem> all = new ArrayList<>(zone.problems);
    all.addAll(problems);
    return all;
  }

  private static void checkApex(ZoneDraft zone, List<ZoneProblem> problems) {
    int apex = zone.apex();
    ScannedRecords records = zone.records;
    int firstSoa = -1;
    int soas = 0;
    for (int r = apex < 0 ? -1 : zone.first(apex); r >= 0; r = zone.next(r)) {
      if (records.type(r) == Type.SOA) {
        if (++soas == 1) {
          firstSoa = r;
        } else if (soas == 2) {
          problems.add(
              ZoneProblem.error(
                  zone.file,
                  records.line(r),
                  "more than one SOA record at the apex " + zone.origin));
        }
      }
    }
    if (soas == 0) {
      problems.add(ZoneProblem.error(zone.file, 0, "no SOA record at the apex " + zone.origin));
    }
    if (apex < 0 || !zone.has(apex, Type.NS)) {
      problems.add(
          ZoneProblem.error(
              zone.file,
              firstSoa < 0 ? 0 : records.line(firstSoa),
              "no NS records at the apex " + zone.origin));
    }
  }

  private static void checkCname(ZoneDraft zone, int o, List<ZoneProblem> problems) {
    ScannedRecords records = zone.records;
    int cname = -1;
    int other = -1;
    for (int r = zone.first(o); r >= 0; r = zone.next(r)) {
      int t = records.type(r);
      if (t == Type.CNAME) {
        if (cname < 0) {
          cname = r;
        } else if (!sameNameData(records, r, cname)) {
          problems.add(
              ZoneProblem.error(
                  zone.file, records.line(r), "more than one CNAME at " + zone.ownerString(o)));
        }
      } else if (t != Type.RRSIG && t != Type.NSEC && other < 0) {
        // RFC 2181 section 10.1; DNSSEC's RRSIG and NSEC may stand beside a CNAME (RFC 4035 2.5).
        other = r;
      }
    }
    if (cname >= 0 && other >= 0) {
      int later = records.line(cname) > records.line(other) ? cname : other;
      problems.add(
          ZoneProblem.error(
              zone.file,
              records.line(later),
              "CNAME beside other data at "
                  + zone.ownerString(o)
                  + " ("
                  + RecordTypes.string(records.type(other))
                  + ")"));
    }
  }

  /** Whether two records hold the same name, letter case aside (RFC 4343). */
  private static boolean sameNameData(ScannedRecords records, int a, int b) {
    byte[] d = records.rdata();
    int n = records.rdataEnd(a) - records.rdataStart(a);
    if (n != records.rdataEnd(b) - records.rdataStart(b)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (WireName.lower(d[records.rdataStart(a) + i])
          != WireName.lower(d[records.rdataStart(b) + i])) {
        return false;
      }
    }
    return true;
  }

  /** RFC 6672 section 2.3: a DNAME owner has no names below it. */
  private static void checkBelowDname(ZoneDraft zone, int o, List<ZoneProblem> problems) {
    byte[] name = zone.name(o);
    int first = zone.first(o);
    if (first < 0) {
      return; // an empty non-terminal has no data to report
    }
    int apexOffset = name.length - zone.apexName.length;
    for (int off = WireName.nextLabel(name, 0);
        off <= apexOffset && name[off] != 0;
        off = WireName.nextLabel(name, off)) {
      int above = zone.ownerOf(name, off, name.length, false);
      if (above >= 0 && zone.has(above, Type.DNAME)) {
        problems.add(
            ZoneProblem.error(
                zone.file,
                zone.records.line(first),
                "data below the DNAME at "
                    + zone.ownerString(above)
                    + ": "
                    + zone.ownerString(o)
                    + " "
                    + RecordTypes.string(zone.records.type(first))
                    + " (RFC 6672 section 2.3)"));
        return;
      }
    }
  }

  private static void checkGlue(ZoneDraft zone, int o, List<ZoneProblem> problems) {
    ScannedRecords records = zone.records;
    for (int r = zone.first(o); r >= 0; r = zone.next(r)) {
      if (records.type(r) != Type.NS) {
        continue;
      }
      byte[] target =
          WireName.lowerCopy(
              Arrays.copyOfRange(records.rdata(), records.rdataStart(r), records.rdataEnd(r)));
      if (!WireName.isSubdomain(target, zone.apexName)) {
        continue;
      }
      int t = zone.ownerOf(target, 0, target.length, false);
      if (t < 0 || !(zone.has(t, Type.A) || zone.has(t, Type.AAAA))) {
        problems.add(
            ZoneProblem.warning(
                zone.file,
                records.line(r),
                "NS "
                    + WireName.toString(target)
                    + " of "
                    + zone.ownerString(o)
                    + " is inside the zone but has no A or AAAA record (missing glue)"));
      }
    }
  }
}
