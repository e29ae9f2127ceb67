package net.anycastdns.server.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.anycastdns.server.TestServer;
import net.anycastdns.zones.RRset;
import net.anycastdns.zones.TestSigner;
import net.anycastdns.zones.WireName;
import net.anycastdns.zones.ZoneSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

/**
 * The difference between two versions of a zone, as IXFR sends it: each row is the records of the
 * old and the new version (besides the SOA, lines joined by {@code //}), and the records expected
 * removed and added ({@code owner type count}, sorted).
 */
class ZoneDeltaTest {
  private static final String SOA =
      "@ 3600 IN SOA ns1 hostmaster %d 3600 900 1209600 300 // @ 3600 IN NS ns1 // ns1 3600 IN A 192.0.2.1 // ";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      nothing changed       | www 60 IN A 192.0.2.10            | www 60 IN A 192.0.2.10                          | |
      a record added        | www 60 IN A 192.0.2.10            | www 60 IN A 192.0.2.10 // www 60 IN A 192.0.2.11 | | www A 1
      a record removed      | www 60 IN A 192.0.2.10 // www 60 IN A 192.0.2.11 | www 60 IN A 192.0.2.10           | www A 1 |
      a record replaced     | www 60 IN A 192.0.2.10            | www 60 IN A 192.0.2.20                          | www A 1 | www A 1
      a TTL changed         | www 60 IN A 192.0.2.10 // www 60 IN A 192.0.2.11 | www 90 IN A 192.0.2.10 // www 90 IN A 192.0.2.11 | www A 2 | www A 2
      a name added          | www 60 IN A 192.0.2.10            | www 60 IN A 192.0.2.10 // ftp 60 IN AAAA 2001:db8::1 | | ftp AAAA 1
      a name removed        | www 60 IN A 192.0.2.10 // old 60 IN TXT gone | www 60 IN A 192.0.2.10                  | old TXT 1 |
      a type added at a name | www 60 IN A 192.0.2.10           | www 60 IN A 192.0.2.10 // www 60 IN TXT hello    | | www TXT 1
      glue below a cut      | sub 60 IN NS ns.sub // ns.sub 60 IN A 192.0.2.53 | sub 60 IN NS ns.sub // ns.sub 60 IN A 192.0.2.54 | ns.sub A 1 | ns.sub A 1
      """)
  void differences(String what, String before, String after, String removed, String added) {
    ZoneSnapshot from = zone(1, before);
    ZoneSnapshot to = zone(2, after);

    ZoneDelta d = ZoneDelta.between(from, to);

    assertEquals(1, d.fromSerial(), what);
    assertEquals(2, d.toSerial(), what);
    assertEquals(Type.SOA, d.fromSoa().type(), what);
    assertEquals(describe(removed), describe(d.removed()), what + ": removed");
    assertEquals(describe(added), describe(d.added()), what + ": added");
    assertEquals(count(removed) + count(added), d.records(), what + ": records");
  }

  /**
   * A signed zone keeps its RRSIGs on the RRsets they cover and its NSEC3 chain apart from the
   * names: the difference still pairs each RRSIG with its counterpart and each NSEC3 with its own,
   * so what did not change is not sent. The edits are made on the signed text (no new signatures,
   * which would all differ).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      nothing changed         | NSEC3 | 192.0.2.10 | 192.0.2.10 | |
      a record changed        | NSEC3 | 192.0.2.10 | 192.0.2.20 | www A 1 | www A 1
      a record changed (NSEC) | NSEC  | 192.0.2.10 | 192.0.2.20 | www A 1 | www A 1
      an RRSIG renewed        | NSEC3 | 192.0.2.10 | re-signed  | www RRSIG 1 | www RRSIG 1
      """)
  void signedDifferences(
      String what, TestSigner.Denial denial, String before, String after, String rm, String add) {
    String signed =
        TestSigner.sign(
            "example.org.",
            SOA.formatted(1).replace(" // ", "\n") + "www 60 IN A 192.0.2.10\n",
            denial);
    ZoneSnapshot from = TestServer.zone("example.org.", signed.replace("192.0.2.10", before));
    String edited =
        after.equals("re-signed")
            ? signed
                .lines()
                .map(
                    l ->
                        l.startsWith("www.") && l.contains("RRSIG\tA ")
                            ? l.replace("2036", "2035")
                            : l)
                .collect(Collectors.joining("\n", "", "\n"))
            : signed.replace("192.0.2.10", after);
    ZoneSnapshot to = TestServer.zone("example.org.", edited);

    ZoneDelta d = ZoneDelta.between(from, to);

    assertEquals(describe(rm), describe(d.removed()), what + ": removed");
    assertEquals(describe(add), describe(d.added()), what + ": added");
  }

  private static ZoneSnapshot zone(long serial, String records) {
    return TestServer.zone(
        "example.org.", (SOA.formatted(serial) + records).replace(" // ", "\n") + "\n");
  }

  private static TreeSet<String> describe(List<RRset> rrsets) {
    TreeSet<String> out = new TreeSet<>();
    for (RRset r : rrsets) {
      String owner = WireName.toString(r.owner()).replace(".example.org.", "");
      out.add(owner + " " + Type.string(r.type()) + " " + r.size());
    }
    return out;
  }

  private static TreeSet<String> describe(String expected) {
    TreeSet<String> out = new TreeSet<>();
    if (expected != null) {
      for (String s : expected.split(" ~~ ")) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static int count(String expected) {
    return describe(expected).stream().mapToInt(s -> Integer.parseInt(s.split(" ")[2])).sum();
  }
}
