package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The additional section of SVCB and HTTPS answers beside Knot DNS's, on the zone of {@link
 * ServiceBindingAdditionalTest}: equal where the rules agree ("="), and where they do not, both
 * written out, so that each difference is a decision, checked against the running daemon. Knot 3.2
 * adds, for every TargetName, its A, AAAA and RRset of the answer's type, one step, glue below a
 * cut included; it reads a TargetName of "." as the root, not as the owner.
 */
class KnotServiceBindingTest {
  @TempDir static Path dir;
  private static KnotDaemon knot;
  private static final ZoneSnapshot OURS =
      TestZones.compile("example.", ServiceBindingAdditionalTest.ZONE_TEXT);

  @BeforeAll
  static void startKnot() throws Exception {
    knot =
        KnotDaemon.serve(
            "KnotServiceBindingTest", dir, "example.", ServiceBindingAdditionalTest.ZONE_TEXT);
  }

  @AfterAll
  static void stopKnot() throws InterruptedException {
    if (knot != null) {
      knot.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname            | qtype | ours (sorted)                                              | knot
      foo.svcb.example.  | SVCB  | foo1.svcb.example. A, foo1.svcb.example. SVCB              | =
      baz.svcb.example.  | SVCB  | -                                                          | =
      gone.example.      | HTTPS | -                                                          | =
      # TargetName "." is the owner (RFC 9460 section 2.5.2), as PowerDNS has it
      bar.svcb.example.  | SVCB  | bar.svcb.example. A, bar.svcb.example. AAAA, bar.svcb.example. AAAA | -
      x.wild.example.    | HTTPS | x.wild.example. A                                          | -
      # the SVCB of a ServiceMode target is not what a client asks next: addresses only; and Knot
      # compares the letters of a TargetName case-sensitively (HOST2.example.)
      svc.example.       | SVCB  | host1.example. A, host1.example. AAAA, host2.example. A    | host1.example. A, host1.example. AAAA, host1.example. SVCB
      www.example.       | HTTPS | pool.example. A, www.example. A                            | pool.example. A, pool.example. HTTPS
      # AliasMode chains are followed, as PowerDNS follows them
      chain.example.     | HTTPS | chain2.example. HTTPS, chain3.example. A, chain3.example. HTTPS | chain2.example. HTTPS
      pool.example.      | HTTPS | pool.example. A, www.example. A, www.example. HTTPS, www.example. HTTPS | www.example. A, www.example. HTTPS, www.example. HTTPS
      # below a cut is no authoritative data
      deleg.example.     | HTTPS | -                                                          | ns.del.example. A
      """)
  void additional(String qname, String qtype, String ours, String theirs) throws IOException {
    LookupResult r = TestZones.lookup(OURS, qname, qtype);
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < r.additional().size(); i++) {
      for (int k = 0; k < r.additional().rrset(i).size(); k++) {
        mine.add(
            WireName.toString(r.additional().owner(i))
                + " "
                + Type.string(r.additional().rrset(i).type()));
      }
    }
    List<String> knots = new ArrayList<>();
    for (Record rec : knot.query(qname, Type.value(qtype), false).getSection(Section.ADDITIONAL)) {
      if (rec.getType() != Type.OPT) {
        knots.add(rec.getName() + " " + Type.string(rec.getType()));
      }
    }
    String expectedOurs = ours == null ? "" : ours;
    String expectedKnot = "=".equals(theirs) ? expectedOurs : theirs == null ? "" : theirs;
    assertAll(
        () -> assertEquals(expectedOurs, sorted(mine), "ours"),
        () -> assertEquals(expectedKnot, sorted(knots), "knot"));
  }

  private static String sorted(List<String> items) {
    return String.join(", ", items.stream().sorted().toList());
  }
}
