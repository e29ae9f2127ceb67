package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The zone of a name is the loaded zone with the longest apex that is a suffix of it. */
class ZoneSetTest {
  private static final ZoneSnapshot ORG = zone("org.");
  private static final ZoneSnapshot EXAMPLE = zone("example.org.");
  private static final ZoneSnapshot SUB = zone("sub.example.org.");
  private static final ZoneSnapshot ROOT = zone(".");

  private static final ZoneSet WITHOUT_ROOT = ZoneSet.of(List.of(SUB, ORG, EXAMPLE), 1);
  private static final ZoneSet WITH_ROOT = ZoneSet.of(List.of(ROOT, SUB, ORG, EXAMPLE), 2);

  private static ZoneSnapshot zone(String origin) {
    return TestZones.compile(
        origin,
        """
        @   3600 SOA ns1.example.net. hostmaster.example.net. 1 7200 900 1209600 300
            3600 NS  ns1.example.net.
        """);
  }

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      # name                 zone without root   zone with root
      example.org.,          example.org.,       example.org.
      www.example.org.,      example.org.,       example.org.
      sub.example.org.,      sub.example.org.,   sub.example.org.
      a.b.sub.example.org.,  sub.example.org.,   sub.example.org.
      # suffixes are whole labels: xsub is not under sub
      xsub.example.org.,     example.org.,       example.org.
      www.xexample.org.,     org.,               org.
      org.,                  org.,               org.
      other.org.,            org.,               org.
      example.com.,          -,                  .
      com.,                  -,                  .
      .,                     -,                  .
      """)
  void findZone(String name, String withoutRoot, String withRoot) {
    assertAll(
        () -> assertEquals(withoutRoot, apex(WITHOUT_ROOT.findZone(WireName.of(name)))),
        () -> assertEquals(withRoot, apex(WITH_ROOT.findZone(WireName.of(name)))));
  }

  /** RFC 4035 section 3.1.4.1: DS is the parent's data, so the parent answers it when served. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      # name,               qtype, zone without root, zone with root
      sub.example.org.,     DS,    example.org.,      example.org.
      example.org.,         DS,    org.,              org.
      sub.example.org.,     A,     sub.example.org.,  sub.example.org.
      www.sub.example.org., DS,    sub.example.org.,  sub.example.org.
      # no parent served: the zone itself answers
      org.,                 DS,    org.,              .
      .,                    DS,    -,                 .
      """)
  void dsComesFromTheParent(String name, String qtype, String withoutRoot, String withRoot) {
    int type = org.xbill.DNS.Type.value(qtype);
    assertAll(
        () ->
            assertEquals(
                withoutRoot,
                apex(WITHOUT_ROOT, WITHOUT_ROOT.findZoneIndex(WireName.of(name), type))),
        () ->
            assertEquals(
                withRoot, apex(WITH_ROOT, WITH_ROOT.findZoneIndex(WireName.of(name), type))));
  }

  private static String apex(ZoneSet set, int index) {
    return index < 0 ? null : set.zones().get(index).origin().toString();
  }

  @Test
  void setsAreTold() {
    assertAll(
        () -> assertNull(ZoneSet.empty().findZone(WireName.of("example.org."))),
        () -> assertEquals(0, ZoneSet.empty().zones().size()),
        () -> assertEquals(3, WITHOUT_ROOT.zones().size()),
        () -> assertEquals(2, WITH_ROOT.generation()),
        () -> assertEquals(EXAMPLE, WITH_ROOT.findZone(WireName.of("WWW.Example.ORG."))));
  }

  private static String apex(ZoneSnapshot zone) {
    return zone == null ? null : zone.origin().toString();
  }
}
