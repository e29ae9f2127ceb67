package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Syntax errors are reported with their line, and each one ends only its own record: the records
 * after it are read and checked, so that every problem of a file shows at once.
 */
class ScanErrorsTest {
  private static final String HEAD = EveryKnotType.HEAD; // five lines

  @Test
  void brokenLineInAMillionLineFileIsReportedWithItsLineNumber() {
    StringBuilder z = new StringBuilder(HEAD);
    int broken = 765_432;
    for (int line = 6; line <= 1_000_000; line++) {
      if (line == broken) {
        z.append("h").append(line).append(" A 192.0.2.300\n");
      } else {
        z.append("h")
            .append(line)
            .append(" A 10.")
            .append(line >> 16 & 255)
            .append('.')
            .append(line >> 8 & 255)
            .append('.')
            .append(line & 255)
            .append('\n');
      }
    }
    ZoneDirectoryLoader.ZoneLoad load = TestZones.load("example.org.", z.toString());
    assertEquals(
        List.of("test.zone:765432: bad IPv4 address '192.0.2.300'"),
        load.problems().stream().map(ZoneProblem::toString).toList());
  }

  /** Every problem of the file, one per line, in line order. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad record, then a CNAME conflict | www A 192.0.2.300\\n\\n\\n\\n\\n\\n\\n\\n\\n\\nalias CNAME www\\nalias TXT x\\n | 6: bad IPv4 address '192.0.2.300'; 17: CNAME beside other data at alias.example.org. (TXT)",
        "three bad records | a A 1.2.3\\nb MX x y\\nc TXT \"unterminated\\nd A 192.0.2.1\\ne AAAA 1::2::3\\n | 6: bad IPv4 address '1.2.3'; 7: bad preference 'x'; 8: newline in a quoted string; 10: bad IPv6 address '1::2::3'",
        "error inside parentheses skips the record only | a ( A\\n 192.0.2.300 )\\nb A 192.0.2.1\\nb CNAME a\\n | 7: bad IPv4 address '192.0.2.300'; 9: CNAME beside other data at b.example.org. (A)",
        "unknown type and directive | a FOO 1\\n$FOO bar\\nb A 192.0.2.1\\nb A 192.0.2.2 extra\\n | 6: unknown type 'FOO'; 7: unknown directive $FOO; 9: unexpected 'extra' at the end of the record",
        "stray close parenthesis | a A 192.0.2.1 )\\nb A 192.0.2.2\\n | 6: ')' without '('",
      })
  void everyProblemIsReported(String what, String body, String expected) {
    ZoneDirectoryLoader.ZoneLoad load =
        TestZones.load("example.org.", HEAD + body.replace("\\n", "\n"));
    List<String> problems = new ArrayList<>();
    for (ZoneProblem p : load.problems()) {
      problems.add(p.line() + ": " + p.message());
    }
    assertEquals(expected, String.join("; ", problems));
  }

  /**
   * A file large enough to be scanned in slices, where records span lines that begin with data and
   * the origin and default TTL change along the way: the slices must give what one scan gives.
   */
  @Test
  void slicesScanLikeOneScan() {
    StringBuilder z = new StringBuilder(HEAD);
    for (int i = 0; z.length() < 9 << 20; i++) {
      if (i % 50_000 == 0) {
        z.append("$ORIGIN o")
            .append(i)
            .append(".example.org.\n$TTL ")
            .append(i % 7 + 60)
            .append('\n');
      }
      switch (i % 3) {
        case 0 -> z.append("t").append(i).append(" TXT (\n\"a\"\nb\nc ) ; spans lines\n");
        case 1 -> z.append("m").append(i).append(" MX (\n10\nx\n)\n");
        default -> z.append("a").append(i).append(" A 192.0.2.").append(i & 255).append('\n');
      }
    }
    byte[] text = z.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] origin = WireName.of("example.org.");
    List<ZoneProblem> sliced = new ArrayList<>();
    ScannedRecords parallel = ZoneText.scan("test.zone", text, origin, sliced);
    List<ZoneProblem> whole = new ArrayList<>();
    ScannedRecords one = new ScannedRecords();
    new MasterFileScanner(
            "test.zone",
            text,
            0,
            1,
            new MasterFileScanner.State(origin, MasterFileScanner.DEFAULT_TTL),
            one,
            whole)
        .scan(text.length);
    assertEquals(whole, sliced);
    assertEquals(one.size(), parallel.size());
    for (int i = 0; i < one.size(); i++) {
      assertEquals(describe(one, i), describe(parallel, i), "record " + i);
    }
  }

  private static String describe(ScannedRecords r, int i) {
    byte[] names = r.names();
    int off = r.ownerOffset(i);
    return WireName.toString(
            java.util.Arrays.copyOfRange(names, off, off + WireName.length(names, off)))
        + " "
        + r.type(i)
        + " "
        + r.ttl(i)
        + " "
        + r.line(i)
        + " "
        + java.util.HexFormat.of().formatHex(r.rdataCopy(i));
  }
}
