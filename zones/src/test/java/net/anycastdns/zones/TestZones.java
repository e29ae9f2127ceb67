package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Shared helpers: inline zones in, dig-like text out. */
final class TestZones {
  private TestZones() {}

  /** Loads {@code text} as zone {@code origin}; the test fails if the zone has any error. */
  static ZoneSnapshot compile(String origin, String text) {
    ZoneDirectoryLoader.ZoneLoad load = load(origin, text);
    if (!load.ok()) {
      fail("zone " + origin + " did not load: " + load.problems());
    }
    return load.zone();
  }

  /** Loads {@code text} as zone {@code origin}, errors and all. */
  static ZoneDirectoryLoader.ZoneLoad load(String origin, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ZoneDirectoryLoader.load("test.zone", name(origin), bytes);
  }

  /** Loads {@code text} as zone {@code origin} checked as told, errors and all. */
  static ZoneDirectoryLoader.ZoneLoad load(
      String origin, String text, ZoneDirectoryLoader.Options options) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ZoneDirectoryLoader.load("test.zone", name(origin), bytes, options);
  }

  static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  /** Looks up {@code qname} (any case) and type (a mnemonic: "A"); ANY answers one RRset. */
  static LookupResult lookup(ZoneSnapshot zone, String qname, String qtype) {
    return lookup(zone, qname, qtype, false);
  }

  static LookupResult lookup(ZoneSnapshot zone, String qname, String qtype, boolean allOfAny) {
    int type = Type.value(qtype);
    if (type < 0) {
      fail("unknown type " + qtype);
    }
    LookupResult result = new LookupResult();
    result.reset();
    ZoneLookup.lookup(zone, WireName.of(qname), type, allOfAny, result);
    return result;
  }

  /** Rcode, kind and AA flag: "NOERROR ANSWER aa", "NOERROR REFERRAL", "NXDOMAIN NXDOMAIN aa". */
  static String status(LookupResult r) {
    return Rcode.string(r.rcode()) + " " + r.kind() + (r.authoritative() ? " aa" : "");
  }

  /** One line per record, like dig: {@code "www.example.org. 300 CNAME cdn.example.org."}. */
  static List<String> describe(LookupResult.Section section) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < section.size(); i++) {
      Name owner = WireName.toName(section.owner(i));
      RRset rrset = section.rrset(i);
      for (int j = 0; j < rrset.size(); j++) {
        Record r = Record.newRecord(owner, rrset.type(), DClass.IN, rrset.ttl(), rrset.rdata(j));
        lines.add(
            owner
                + " "
                + rrset.ttl()
                + " "
                + Type.string(rrset.type())
                + " "
                + r.rdataToString().replace('\t', ' '));
      }
    }
    return lines;
  }

  /** {@link #describe} joined with ", ", for one-cell table columns. */
  static String text(LookupResult.Section section) {
    return String.join(", ", describe(section));
  }

  /** Asserts status, answer and authority against table cells; a null cell is an empty section. */
  static void assertResult(LookupResult r, String status, String answer, String authority) {
    assertAll(
        () -> assertEquals(status, status(r), "rcode, kind, AA"),
        () -> assertEquals(cell(answer), text(r.answer()), "answer"),
        () -> assertEquals(cell(authority), text(r.authority()), "authority"));
  }

  /** As {@link #assertResult(LookupResult, String, String, String)}, and the additional section. */
  static void assertResult(
      LookupResult r, String status, String answer, String authority, String additional) {
    assertAll(
        () -> assertResult(r, status, answer, authority),
        () -> assertEquals(cell(additional), text(r.additional()), "additional"));
  }

  private static String cell(String s) {
    return s == null ? "" : s;
  }
}
