package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The scanner against the parser it replaced: every zone file of the project and of {@code
 * ../shared/} (test zones, conformance zones, signed zones, a bench zone), a corpus of edge cases
 * and a few hundred random zones must compile to the same snapshot through {@link
 * MasterFileScanner} as through dnsjava's {@code Master} ({@link ReferenceParser}), and a zone one
 * rejects the other rejects too.
 */
class ScannerMatchesDnsjavaTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final int RANDOM_ZONES = 300;

  @TestFactory
  Stream<DynamicTest> zoneFilesOfTheProjectAndShared() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir :
        new String[] {
          "test-zones", "../shared/conformance/zones", "../shared/conformance/signed"
        }) {
      Path d = ROOT.resolve(dir);
      if (Files.isDirectory(d)) {
        try (Stream<Path> s = Files.list(d)) {
          s.filter(p -> p.toString().endsWith(".zone")).sorted().forEach(files::add);
        }
      }
    }
    assertTrue(files.size() >= 3, "the project's test zones are found from " + ROOT);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    ROOT.relativize(f).toString(),
                    () -> {
                      String name = f.getFileName().toString();
                      Name origin =
                          Name.fromString(name.substring(0, name.length() - 5), Name.root);
                      assertSame(name, origin, Files.readAllBytes(f), true);
                    }));
  }

  /** The zone of {@code ../shared/bench/genzone.py}, 20,000 names. */
  @TestFactory
  Stream<DynamicTest> benchZone() {
    StringBuilder z =
        new StringBuilder(
            "$ORIGIN bench.test.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n"
                + "@ IN NS ns1\nns1 IN A 192.0.2.1\n*.wild IN A 192.0.2.99\n");
    for (int i = 0; i < 20_000; i++) {
      switch (i % 4) {
        case 0 ->
            z.append(
                String.format(
                    "h%d IN A 10.%d.%d.%d\n", i, (i >> 16) & 255, (i >> 8) & 255, i & 255));
        case 1 -> z.append(String.format("h%d IN AAAA 2001:db8::%x:%x\n", i, i >> 16, i & 0xffff));
        case 2 -> z.append(String.format("h%d IN TXT \"record %d\"\n", i, i));
        default -> z.append(String.format("h%d IN MX 10 h%d\n", i, i - 3));
      }
    }
    return Stream.of(
        DynamicTest.dynamicTest("bench.test", () -> assertSame("bench.test", z.toString(), true)));
  }

  @TestFactory
  Stream<DynamicTest> edgeCases() {
    return EdgeCaseZones.ALL.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      if (c.sameAsDnsjava()) {
                        assertSame("example.org", c.text(), c.loads());
                      } else {
                        assertEquals(c.loads(), TestZones.load("example.org", c.text()).ok());
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> randomZones() {
    return java.util.stream.IntStream.range(0, RANDOM_ZONES)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed, () -> assertSame("example.org", RandomZones.zone(seed), true)));
  }

  private static void assertSame(String origin, String text, boolean loads) throws IOException {
    assertSame(
        origin + ".zone",
        Name.fromString(origin, Name.root),
        text.getBytes(StandardCharsets.ISO_8859_1),
        loads);
  }

  private static void assertSame(String file, Name origin, byte[] text, boolean loads) {
    ZoneDirectoryLoader.ZoneLoad scanned = ZoneDirectoryLoader.load(file, origin, text);
    ZoneDirectoryLoader.ZoneLoad reference = referenceLoad(file, origin, text);
    assertEquals(
        reference.ok(),
        scanned.ok(),
        () ->
            "scanner: "
                + scanned.problems()
                + "\nreference: "
                + reference.problems()
                + "\n"
                + new String(text, StandardCharsets.ISO_8859_1));
    assertEquals(loads, scanned.ok(), () -> "loads: " + scanned.problems());
    if (scanned.ok()) {
      assertEquals(
          describe(reference.zone()),
          describe(scanned.zone()),
          () -> new String(text, StandardCharsets.ISO_8859_1));
    } else {
      assertFalse(scanned.problems().isEmpty());
    }
  }

  /** The path before the scanner: dnsjava's parser, then the same checks and compiler. */
  static ZoneDirectoryLoader.ZoneLoad referenceLoad(String file, Name origin, byte[] text) {
    ReferenceParser.Result parsed = ReferenceParser.parse(file, text, origin);
    if (!parsed.problems().isEmpty()) {
      return new ZoneDirectoryLoader.ZoneLoad(file, origin, null, parsed.problems());
    }
    ZoneDraft draft = ZoneDraft.of(file, origin, ReferenceParser.toScanned(parsed.records()));
    List<ZoneProblem> problems = ZoneChecks.check(draft);
    if (problems.stream().anyMatch(ZoneProblem::isError)) {
      return new ZoneDirectoryLoader.ZoneLoad(file, origin, null, problems);
    }
    return new ZoneDirectoryLoader.ZoneLoad(file, origin, ZoneCompiler.compile(draft), problems);
  }

  /** Everything a snapshot holds, as sorted text: two snapshots are the same when this is. */
  static String describe(ZoneSnapshot z) {
    List<String> lines = new ArrayList<>();
    z.forEachNode(
        n -> {
          StringBuilder b = new StringBuilder(n.toString());
          b.append(" flags=").append(n.flags);
          b.append(" cut=").append(n.cut() == null ? "-" : n.cut().toString());
          b.append(" wildcard=").append(n.wildcard() == null ? "-" : n.wildcard().toString());
          b.append(" parent=").append(n.parent == null ? "-" : n.parent.toString());
          for (RRset r : n.rrsets()) {
            b.append("\n  ").append(Type.string(r.type())).append(' ').append(r.ttl());
            for (int i = 0; i < r.size(); i++) {
              b.append(' ').append(HexFormat.of().formatHex(r.rdata(i)));
            }
            for (RRset a : r.additional()) {
              b.append(" +")
                  .append(WireName.toString(a.owner()))
                  .append('/')
                  .append(Type.string(a.type()));
            }
          }
          lines.add(b.toString());
        });
    lines.sort(null);
    return z.origin()
        + " serial "
        + z.serial()
        + " soaLine "
        + z.soaLine()
        + " records "
        + z.recordCount()
        + " negative TTL "
        + z.negativeSoa().ttl()
        + "\n"
        + String.join("\n", lines);
  }
}
