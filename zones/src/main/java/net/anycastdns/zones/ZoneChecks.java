package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Semantic checks of a parsed zone, the ones Knot's semantic checks and NSD's zone loading make:
 * an error keeps the zone from being served, a warning is only reported.
 */
public final class ZoneChecks {
  private ZoneChecks() {}

  /** Checks the records of zone {@code origin} read from {@code file}. */
  public static List<ZoneProblem> check(String file, Name origin, List<ParsedRecord> records) {
    List<ZoneProblem> problems = new ArrayList<>();
    Map<Name, List<ParsedRecord>> byOwner = new LinkedHashMap<>();
    List<ParsedRecord> dnames = new ArrayList<>();
    for (ParsedRecord pr : records) {
      Record r = pr.record();
      if (r.getDClass() != DClass.IN) {
        problems.add(ZoneProblem.error(file, pr.line(),
            "class " + DClass.string(r.getDClass()) + " at " + r.getName() + ": only IN is served"));
        continue;
      }
      if (!r.getName().subdomain(origin)) {
        problems.add(ZoneProblem.error(file, pr.line(),
            "out-of-zone record " + r.getName() + " " + Type.string(r.getType()) + " in zone " + origin));
        continue;
      }
      if (r.getType() == Type.SOA && !r.getName().equals(origin)) {
        problems.add(ZoneProblem.error(file, pr.line(), "SOA at " + r.getName() + ", not at the apex " + origin));
        continue;
      }
      byOwner.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(pr);
      if (r.getType() == Type.DNAME) {
        dnames.add(pr);
      }
    }
    checkApex(file, origin, byOwner, problems);
    for (List<ParsedRecord> rrs : byOwner.values()) {
      checkCname(file, rrs, problems);
    }
    checkBelowDname(file, dnames, byOwner, problems);
    checkGlue(file, origin, byOwner, problems);
    return problems;
  }

  private static void checkApex(String file, Name origin, Map<Name, List<ParsedRecord>> byOwner,
      List<ZoneProblem> problems) {
    List<ParsedRecord> apex = byOwner.getOrDefault(origin, List.of());
    List<ParsedRecord> soas = apex.stream().filter(p -> p.record().getType() == Type.SOA).toList();
    if (soas.isEmpty()) {
      problems.add(ZoneProblem.error(file, 0, "no SOA record at the apex " + origin));
    } else if (soas.size() > 1) {
      problems.add(ZoneProblem.error(file, soas.get(1).line(),
          "more than one SOA record at the apex " + origin));
    }
    if (apex.stream().noneMatch(p -> p.record().getType() == Type.NS)) {
      problems.add(ZoneProblem.error(file, soas.isEmpty() ? 0 : soas.get(0).line(),
          "no NS records at the apex " + origin));
    }
  }

  private static void checkCname(String file, List<ParsedRecord> rrs, List<ZoneProblem> problems) {
    ParsedRecord firstCname = null;
    for (ParsedRecord p : rrs) {
      if (p.record().getType() != Type.CNAME) {
        continue;
      }
      if (firstCname == null) {
        firstCname = p;
      } else if (!p.record().rdataToString().equalsIgnoreCase(firstCname.record().rdataToString())) {
        problems.add(ZoneProblem.error(file, p.line(), "more than one CNAME at " + p.record().getName()));
      }
    }
    if (firstCname == null) {
      return;
    }
    for (ParsedRecord p : rrs) {
      int t = p.record().getType();
      // RFC 2181 section 10.1; DNSSEC's RRSIG and NSEC may stand beside a CNAME (RFC 4035 2.5).
      if (t != Type.CNAME && t != Type.RRSIG && t != Type.NSEC) {
        problems.add(ZoneProblem.error(file, p.line(), "CNAME beside other data at "
            + p.record().getName() + " (" + Type.string(t) + ")"));
        return;
      }
    }
  }

  private static void checkBelowDname(String file, List<ParsedRecord> dnames,
      Map<Name, List<ParsedRecord>> byOwner, List<ZoneProblem> problems) {
    if (dnames.isEmpty()) {
      return;
    }
    for (Map.Entry<Name, List<ParsedRecord>> e : byOwner.entrySet()) {
      for (ParsedRecord d : dnames) {
        Name owner = d.record().getName();
        if (!e.getKey().equals(owner) && e.getKey().subdomain(owner)) {
          ParsedRecord p = e.getValue().get(0);
          problems.add(ZoneProblem.error(file, p.line(), "data below the DNAME at " + owner + ": "
              + e.getKey() + " " + Type.string(p.record().getType()) + " (RFC 6672 section 2.3)"));
          break;
        }
      }
    }
  }

  private static void checkGlue(String file, Name origin, Map<Name, List<ParsedRecord>> byOwner,
      List<ZoneProblem> problems) {
    Map<Name, Boolean> hasAddress = new HashMap<>();
    for (Map.Entry<Name, List<ParsedRecord>> e : byOwner.entrySet()) {
      boolean address = e.getValue().stream()
          .anyMatch(p -> p.record().getType() == Type.A || p.record().getType() == Type.AAAA);
      hasAddress.put(e.getKey(), address);
    }
    for (List<ParsedRecord> rrs : byOwner.values()) {
      for (ParsedRecord p : rrs) {
        if (p.record() instanceof NSRecord ns) {
          Name target = ns.getTarget();
          if (target.subdomain(origin) && !hasAddress.getOrDefault(target, false)) {
            problems.add(ZoneProblem.warning(file, p.line(), "NS " + target + " of "
                + ns.getName() + " is inside the zone but has no A or AAAA record (missing glue)"));
          }
        }
      }
    }
  }
}
