package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Record data from presentation form to wire form: every type Knot DNS parses (the RFCs' examples,
 * with the wire form written out by hand where dnsjava cannot read the type), and octets: raw 8-bit
 * bytes, {@code \DDD} and {@code \"} in character-strings and names stay the octets they are.
 */
class RecordDataTest {
  static Stream<Arguments> rowsWithWire() {
    return EveryKnotType.ROWS.stream()
        .filter(r -> r.wire() != null)
        .map(r -> Arguments.of(r.type(), r.data(), r.wire()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rowsWithWire")
  void everyTypeEncodes(String type, String data, String hex) {
    assertEquals(hex, rdataHex("x " + type + " " + data + "\n", "x.example.org."));
  }

  @Test
  void zoneWithEveryKnotTypeLoads() {
    ZoneSnapshot z = TestZones.compile("example.org.", EveryKnotType.zone());
    for (EveryKnotType.Row r : EveryKnotType.ROWS) {
      Node n = z.find(WireName.of(r.owner() + ".example.org."), 0);
      assertNotNull(n, r.owner());
      int type =
          RecordTypes.value(
              r.type().getBytes(StandardCharsets.US_ASCII), 0, r.type().length(), false);
      assertNotNull(n.rrset(type), r.type());
    }
  }

  /** Octets of the file, as Latin-1 text: each char is one byte. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("octets")
  void octetsStayOctets(String what, String line, String owner, String hex) {
    assertEquals(hex.replace(" ", ""), rdataHex(line, owner));
  }

  static Stream<Arguments> octets() {
    return Stream.of(
        Arguments.of(
            "en dash as raw UTF-8 bytes",
            "t TXT \"a\u00e2\u0080\u0093b\"\n",
            "t.example.org.",
            "05 61e28093 62"),
        Arguments.of(
            "en dash as \\DDD",
            "t TXT \"a\\226\\128\\147b\"\n",
            "t.example.org.",
            "05 61e28093 62"),
        Arguments.of(
            "raw bytes unquoted", "t TXT caf\u00c3\u00a9\n", "t.example.org.", "05 636166c3a9"),
        Arguments.of(
            "escaped quote",
            "t TXT \"say \\\"hi\\\"\"\n",
            "t.example.org.",
            "08 736179202268692" + "2"),
        Arguments.of(
            "escaped semicolon and backslash",
            "t TXT a\\;b\\\\\n",
            "t.example.org.",
            "04 613b625c"),
        Arguments.of("\\000", "t TXT \"\\000\"\n", "t.example.org.", "01 00"),
        Arguments.of(
            "HINFO with 8-bit octets", "t HINFO \"\u00ff\" os\n", "t.example.org.", "01ff 026f73"),
        Arguments.of(
            "CAA value with 8-bit octets",
            "t CAA 0 issue \"ca\u00e9\"\n",
            "t.example.org.",
            "00 05 6973737565 6361e9"),
        Arguments.of(
            "8-bit octets in an owner label",
            "caf\u00e9 A 192.0.2.1\n",
            "caf\u00e9.example.org.",
            "c0000201"),
        Arguments.of(
            "\\DDD in a name in data",
            "t CNAME a\\233b.example.net.\n",
            "t.example.org.",
            "03 61e962 076578616d706c65036e657400"),
        Arguments.of(
            "SVCB through dnsjava keeps octets",
            "t SVCB 1 . alpn=h\\233\n",
            "t.example.org.",
            "0001 00 0001 0003 0268e9"));
  }

  /** As BIND, Knot and NSD read it; dnsjava took a relative $ORIGIN as relative to the root. */
  @Test
  void relativeOriginIsRelativeToTheCurrentOrigin() {
    ZoneSnapshot z =
        TestZones.compile(
            "example.org.", EveryKnotType.HEAD + "$ORIGIN sub\nwww A 192.0.2.7\n@ TXT here\n");
    assertNotNull(z.find(WireName.of("www.sub.example.org."), 0));
    assertNotNull(z.find(WireName.of("sub.example.org."), 0).rrset(org.xbill.DNS.Type.TXT));
  }

  @Test
  void txtStringOver255OctetsSaysItsLength() {
    ZoneDirectoryLoader.ZoneLoad load =
        TestZones.load("example.org.", EveryKnotType.HEAD + "t TXT \"" + "x".repeat(300) + "\"\n");
    assertEquals(
        "test.zone:6: TXT string of 300 octets; a character-string holds at most 255 (RFC 1035"
            + " section 3.3)",
        load.problems().get(0).toString());
  }

  @Test
  void unknownTypeWithoutGenericFormSaysHowToWriteIt() {
    ZoneDirectoryLoader.ZoneLoad load =
        TestZones.load("example.org.", EveryKnotType.HEAD + "t TYPE65280 0A000001\n");
    assertTrue(
        load.problems().get(0).message().contains("generic form"), load.problems().toString());
  }

  private static String rdataHex(String line, String owner) {
    byte[] text = (EveryKnotType.HEAD + line).getBytes(StandardCharsets.ISO_8859_1);
    ZoneDirectoryLoader.ZoneLoad load =
        ZoneDirectoryLoader.load("test.zone", TestZones.name("example.org."), text);
    assertTrue(load.ok(), () -> load.problems().toString());
    byte[] name = WireName.lowerCopy(owner.getBytes(StandardCharsets.ISO_8859_1));
    Node n = load.zone().find(wire(owner), 0);
    assertNotNull(n, owner + " " + HexFormat.of().formatHex(name));
    RRset r = n.rrsets()[0];
    return HexFormat.of().formatHex(r.rdata(0));
  }

  /** Wire form of a presentation name whose labels may hold any octet (Latin-1 chars). */
  private static byte[] wire(String name) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String label : name.substring(0, name.length() - 1).split("\\.")) {
      out.write(label.length());
      for (char c : label.toCharArray()) {
        out.write(WireName.lower((byte) c));
      }
    }
    out.write(0);
    return out.toByteArray();
  }
}
