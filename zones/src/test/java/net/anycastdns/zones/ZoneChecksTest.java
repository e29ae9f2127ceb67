package net.anycastdns.zones;

import static net.anycastdns.zones.ZoneProblem.Severity.ERROR;
import static net.anycastdns.zones.ZoneProblem.Severity.WARNING;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.anycastdns.zones.ZoneProblem.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/** Zones that must not be served, or only with a warning, and the line each problem points at. */
class ZoneChecksTest {
  /** Nine lines, the SOA over six of them; a line appended to it is line 10. */
  private static final String BASE =
      """
      $TTL 3600
      @   SOA  ns1 hostmaster (
               1       ; serial
               7200    ; refresh
               900     ; retry
               1209600 ; expire
               300 )   ; minimum
          NS   ns1
      ns1 A    192.0.2.53
      """;

  static Stream<Arguments> badZones() {
    return Stream.of(
        // what, zone text, line, severity, message fragment
        bad(
            "no SOA",
            "$TTL 3600\n@ NS ns1\nns1 A 192.0.2.53\n",
            0,
            ERROR,
            "no SOA record at the apex example.org."),
        bad(
            "two SOAs",
            BASE + "@ SOA ns2 hostmaster 2 7200 900 1209600 300\n",
            10,
            ERROR,
            "more than one SOA record at the apex"),
        bad(
            "SOA not at apex",
            BASE + "sub SOA ns1 hostmaster 1 7200 900 1209600 300\n",
            10,
            ERROR,
            "SOA at sub.example.org., not at the apex example.org."),
        bad(
            "no NS at apex",
            BASE.replace("    NS   ns1\n", ""),
            2,
            ERROR,
            "no NS records at the apex"),
        bad(
            "CNAME beside other data",
            BASE + "www CNAME ns1\nwww TXT \"x\"\n",
            11,
            ERROR,
            "CNAME beside other data at www.example.org. (TXT)"),
        bad(
            "two CNAMEs",
            BASE + "www CNAME ns1\nwww CNAME ns2\n",
            11,
            ERROR,
            "more than one CNAME at www.example.org."),
        bad(
            "data below a DNAME",
            BASE + "old DNAME new.example.net.\nwww.old A 192.0.2.1\n",
            11,
            ERROR,
            "data below the DNAME at old.example.org.: www.old.example.org. A"),
        bad(
            "out-of-zone record",
            BASE + "www.example.net. A 192.0.2.1\n",
            10,
            ERROR,
            "out-of-zone record www.example.net. A in zone example.org."),
        bad(
            "class CH",
            BASE + "version CH TXT \"1.0\"\n",
            10,
            ERROR,
            "class CH at version.example.org."),
        bad(
            "TXT string over 255 octets",
            BASE + "long TXT \"" + "x".repeat(256) + "\"\n",
            10,
            ERROR,
            "TXT string of 256 octets; a character-string holds at most 255"),
        bad("$INCLUDE", BASE + "$INCLUDE /etc/passwd\n", 10, ERROR, "$INCLUDE is not allowed"),
        bad(
            "$GENERATE over the bound",
            BASE + "$GENERATE 1-1000000 h$ A 192.0.2.1\n",
            10,
            ERROR,
            "$GENERATE would make 1000000 records; at most 65536"),
        bad(
            "missing glue",
            BASE + "sub NS ns.sub\n",
            10,
            WARNING,
            "NS ns.sub.example.org. of sub.example.org. is inside the zone but has no A"),
        // blank lines, comments and another multi-line record do not shift the count
        bad(
            "after comments and parentheses",
            BASE
                + "\n; comment\nmx MX ( 10\n   mail.example.net. )\n\nwww.example.net. A 192.0.2.1\n",
            15,
            ERROR,
            "out-of-zone record www.example.net."),
        // an escaped quote neither opens nor closes a string, so the comment stays a comment
        bad(
            "after an escaped quote",
            BASE + "q TXT \"say \\\"hi\"\n; a comment\nwww.example.net. A 192.0.2.1\n",
            12,
            ERROR,
            "out-of-zone record www.example.net."));
  }

  private static Arguments bad(
      String what, String text, int line, Severity severity, String fragment) {
    return Arguments.of(what, text, line, severity, fragment);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badZones")
  void problem(String what, String text, int line, Severity severity, String fragment) {
    ZoneDirectoryLoader.ZoneLoad load = TestZones.load("example.org.", text);
    List<ZoneProblem> problems = load.problems();
    assertEquals(1, problems.size(), () -> "problems: " + problems);
    ZoneProblem p = problems.get(0);
    assertAll(
        () -> assertTrue(p.message().contains(fragment), () -> "message: " + p.message()),
        () -> assertEquals(line, p.line(), () -> "line of " + p),
        () -> assertEquals(severity, p.severity()),
        () -> assertEquals("test.zone", p.file()),
        () -> assertEquals(severity == WARNING, load.ok(), "zone served"));
  }

  @Test
  void includedFileIsNeverRead(@TempDir Path dir) throws IOException {
    Path included = dir.resolve("included.zone");
    Files.writeString(included, "included A 192.0.2.99\n");
    String text = BASE + "$INCLUDE " + included + "\n";
    List<ZoneProblem> problems = new ArrayList<>();
    ScannedRecords records = scan(text, problems);
    assertAll(
        () -> assertEquals(3, records.size(), "only the records of the zone itself"),
        () ->
            assertEquals(
                "test.zone:10: $INCLUDE is not allowed: a zone may not read other files",
                problems.toString().replaceAll("^\\[|\\]$", "")));
  }

  private static ScannedRecords scan(String text, List<ZoneProblem> problems) {
    return ZoneText.scan(
        "test.zone", text.getBytes(StandardCharsets.UTF_8), WireName.of("example.org."), problems);
  }

  /** Records a $GENERATE line may make, at most {@link MasterFileScanner#MAX_GENERATE}. */
  @ParameterizedTest(name = "$GENERATE {0} -> {1}")
  @CsvSource({
    "1-10,       10",
    "1-65536,    65536",
    "0-131070/2, 65536",
    "1-65537,    -1",
    "0-131072/2, -1",
  })
  void generateBound(String range, int records) {
    String text = BASE + "$GENERATE " + range + " h$ A 192.0.2.1\n";
    List<ZoneProblem> problems = new ArrayList<>();
    ScannedRecords scanned = scan(text, problems);
    if (records < 0) {
      assertEquals(1, problems.size());
      assertTrue(problems.get(0).message().contains("at most 65536"));
      assertEquals(10, problems.get(0).line());
    } else {
      assertEquals(List.of(), problems);
      assertEquals(3 + records, scanned.size());
      assertEquals(10, scanned.line(3 + records - 1));
    }
  }

  @Test
  void smallGenerateLoads() {
    ZoneSnapshot zone = TestZones.compile("example.org.", BASE + "$GENERATE 1-10 h$ A 192.0.2.$\n");
    assertAll(
        () -> assertEquals(13, zone.recordCount()),
        () ->
            assertEquals(
                "h7.example.org. 3600 A 192.0.2.7",
                TestZones.text(TestZones.lookup(zone, "h7.example.org.", "A").answer())),
        () ->
            assertEquals(
                "NXDOMAIN NXDOMAIN aa",
                TestZones.status(TestZones.lookup(zone, "h11.example.org.", "A"))),
        () ->
            assertEquals(
                Type.A, TestZones.lookup(zone, "h10.example.org.", "A").answer().rrset(0).type()));
  }
}
