package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.utils.base32;

/**
 * The checks of signed zones at every load ({@link SignedZoneChecks}): what keeps a zone from being
 * served (it would be bogus to validating resolvers), what is only a warning, and the line each
 * problem points at. The clock is fixed inside the test signatures' validity (2026 to 2036).
 */
class SignedZoneChecksTest {
  private static final String ZONE =
      """
      $TTL 3600
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.53
      www        A     192.0.2.80
      *.users    TXT   "wildcard"
      a.b.ent    TXT   "below empty non-terminals"
      secure     NS    ns.elsewhere.test.
      secure     DS    12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      insecure   NS    ns.elsewhere.test.
      """;

  @ParameterizedTest
  @EnumSource(TestSigner.Denial.class)
  void signedZonesPass(TestSigner.Denial denial) {
    ZoneDirectoryLoader.ZoneLoad load = load(TestSigner.sign("example.", ZONE, denial));
    assertAll(
        () -> assertEquals(List.of(), load.problems()),
        () -> assertTrue(load.ok()),
        () -> assertEquals(denial != TestSigner.Denial.NSEC, load.zone().dnssec().usesNsec3()));
  }

  @Test
  void expiredSignaturesKeepTheZoneOut() {
    Instant expired = Instant.parse("2027-05-01T00:00:00Z");
    String text =
        TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC, TestSigner.INCEPTION, expired);
    ZoneDirectoryLoader.ZoneLoad load = load(text);
    List<String> problems = strings(load);
    assertAll(
        () -> assertFalse(load.ok()),
        () ->
            assertEquals(
                "test.zone:"
                    + line(text, "example. 3600 IN RRSIG NS ")
                    + ": the RRSIG of example. NS expired at 2027-05-01T00:00:00Z: validating"
                    + " resolvers answer SERVFAIL for it",
                problems.get(0)),
        // ten listed, and the rest counted: a zone signed at once expires at once
        () -> assertEquals(SignedZoneChecks.LISTED + 1, problems.size(), problems.toString()),
        () ->
            assertTrue(
                problems
                    .get(SignedZoneChecks.LISTED)
                    .matches("test.zone:0: and \\d+ more RRsets whose RRSIGs expired"),
                problems.get(SignedZoneChecks.LISTED)));
  }

  @Test
  void signaturesNotYetValidKeepTheZoneOut() {
    Instant inception = Instant.parse("2027-07-01T00:00:00Z");
    String text =
        TestSigner.sign(
            "example.", ZONE, TestSigner.Denial.NSEC3, inception, TestSigner.EXPIRATION);
    ZoneDirectoryLoader.ZoneLoad load = load(text);
    assertAll(
        () -> assertFalse(load.ok()),
        () ->
            assertTrue(
                strings(load)
                    .get(0)
                    .endsWith(
                        ": the RRSIG of example. NS is not valid before 2027-07-01T00:00:00Z:"
                            + " validating resolvers answer SERVFAIL for it"),
                strings(load).get(0)));
  }

  @Test
  void signaturesExpiringWithinAWeekAreAWarningThatSaysWhen() {
    Instant soon = Instant.parse("2027-06-04T00:00:00Z");
    String text =
        TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC, TestSigner.INCEPTION, soon);
    ZoneDirectoryLoader.ZoneLoad load = load(text);
    assertAll(
        () -> assertTrue(load.ok()),
        () ->
            assertEquals(
                List.of(
                    "test.zone:"
                        + line(text, "example. 3600 IN RRSIG NS ")
                        + ": warning: RRSIGs of 15 RRsets expire within 7 days, the first at"
                        + " 2027-06-04T00:00:00Z (example. NS): sign the zone again before then"),
                strings(load)),
        () ->
            assertEquals(
                soon.getEpochSecond(),
                load.zone().dnssec().earliestExpiration(),
                "for the metric"));
  }

  @Test
  void dataAddedAfterSigningHasNoSignature() {
    String text =
        TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC)
            + "www.example. 3600 IN TXT \"added later\"\n";
    int added = line(text, "www.example. 3600 IN TXT ");
    assertEquals(
        List.of(
            "test.zone:" + added + ": www.example. TXT has no RRSIG",
            "test.zone:"
                + line(text, "www.example. 300 IN NSEC ")
                + ": the NSEC of www.example. lists A RRSIG NSEC, but the name has A TXT RRSIG"
                + " NSEC"),
        strings(load(text)));
  }

  @Test
  void signaturesByAnotherKeyDoNotCount() {
    String text = TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC3);
    Matcher m =
        Pattern.compile("(www\\.example\\.\\s+3600\\s+IN\\s+RRSIG\\s+A 13 2 3600 \\d+ \\d+ )(\\d+)")
            .matcher(text);
    assertTrue(m.find());
    int tag = Integer.parseInt(m.group(2));
    String other = m.replaceFirst("$1" + ((tag + 1) % 65536));
    assertEquals(
        List.of(
            "test.zone:"
                + line(other, "www.example. 3600 IN RRSIG A ")
                + ": www.example. A has no RRSIG by a DNSKEY of the zone (its RRSIG has key tag "
                + ((tag + 1) % 65536)
                + ", algorithm 13, signer example.)"),
        strings(load(other)));
  }

  @Test
  void aNameLeftOutOfTheNsecChain() {
    String text =
        without(TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC), "www.example. 300 ");
    assertEquals(
        List.of(
            "test.zone:" + line(text, "www.example. 3600 IN A ") + ": www.example. has no NSEC",
            "test.zone:"
                + line(text, "*.users.example. 300 IN NSEC ")
                + ": the NSEC of *.users.example. points to www.example., but the next name of the"
                + " zone is example."),
        strings(load(text)));
  }

  @Test
  void nsec3ForEveryNameButOptedOutDelegations() {
    String signed = TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC3);
    String text = without(signed, hashedOwner("insecure.example."));
    List<String> problems = strings(load(text));
    assertAll(
        () ->
            assertEquals(
                "test.zone:"
                    + line(text, "insecure.example. 3600 IN NS ")
                    + ": insecure.example. has no NSEC3 (no record for its hash)",
                problems.get(0)),
        // the hash before it now points past it
        () -> assertTrue(problems.get(1).endsWith("does not point to the next hash of the chain")),
        () -> assertEquals(2, problems.size(), problems.toString()));
  }

  @Test
  void nsec3WithOtherParametersThanTheNsec3param() {
    String text =
        TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC3)
            .replace("NSEC3PARAM\t1 0 0 -", "NSEC3PARAM\t1 0 5 -");
    List<String> problems = strings(load(text));
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.endsWith("has other hash parameters (iterations, salt) than the NSEC3PARAM")),
        problems.toString());
  }

  @Test
  void nsec3WithoutNsec3param() {
    String text = without(TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC3), "NSEC3PARAM");
    ZoneDirectoryLoader.ZoneLoad load = load(text);
    assertAll(
        () -> assertFalse(load.ok()),
        () ->
            assertTrue(
                strings(load)
                    .get(0)
                    .endsWith(
                        ": the zone has NSEC3 records but no NSEC3PARAM at the apex, which says"
                            + " which chain answers are proven with (RFC 5155 section 4): add it,"
                            + " or drop the NSEC3 records"),
                strings(load).toString()));
  }

  @Test
  void rrsigsWithoutDnskeyServeTheZoneUnsigned() {
    String text = without(TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC), "DNSKEY");
    ZoneDirectoryLoader.ZoneLoad load = load(text);
    assertAll(
        () -> assertTrue(load.ok()),
        () -> assertEquals(null, load.zone().dnssec()),
        () ->
            assertEquals(
                List.of(
                    "test.zone:"
                        + line(text, "example. 3600 IN RRSIG SOA ")
                        + ": warning: the zone has RRSIGs but no DNSKEY at the apex: it is served"
                        + " unsigned, its RRSIGs as plain data"),
                strings(load)));
  }

  /** {@code check} verifies every signature too: data changed after signing is caught. */
  @ParameterizedTest
  @EnumSource(TestSigner.Denial.class)
  void checkVerifiesEverySignature(TestSigner.Denial denial) {
    String signed = TestSigner.sign("example.", ZONE, denial);
    String changed = signed.replace("192.0.2.80", "192.0.2.81");
    ZoneDirectoryLoader.Options check =
        new ZoneDirectoryLoader.Options(SignedAnswers.VALID_TIME, true);
    ZoneDirectoryLoader.ZoneLoad good = TestZones.load("example.", signed, check);
    ZoneDirectoryLoader.ZoneLoad bad = TestZones.load("example.", changed, check);
    assertAll(
        () -> assertEquals(List.of(), good.problems()),
        () -> assertTrue(load(changed).ok(), "the structure is sound: a load serves it"),
        () -> assertFalse(bad.ok()),
        () -> assertEquals(1, bad.problems().size(), bad.problems().toString()),
        () ->
            assertTrue(
                bad.problems()
                    .get(0)
                    .toString()
                    .startsWith(
                        "test.zone:"
                            + line(changed, "www.example. 3600 IN RRSIG A ")
                            + ": no RRSIG of www.example. A verifies (key "),
                bad.problems().get(0).toString()));
  }

  private static ZoneDirectoryLoader.ZoneLoad load(String text) {
    return TestZones.load(
        "example.", text, new ZoneDirectoryLoader.Options(SignedAnswers.VALID_TIME, false));
  }

  private static List<String> strings(ZoneDirectoryLoader.ZoneLoad load) {
    return load.problems().stream().map(ZoneProblem::toString).toList();
  }

  /**
   * The 1-based line of the first line of {@code text} that starts with {@code start}, blanks
   * counted as one space.
   */
  private static int line(String text, String start) {
    List<String> lines = Arrays.asList(text.split("\n", -1));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).replaceAll("\\s+", " ").startsWith(start)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line starts with " + start);
  }

  /** {@code text} without the lines that contain {@code fragment}, blanks counted as one space. */
  private static String without(String text, String fragment) {
    return Arrays.stream(text.split("\n", -1))
            .filter(l -> !l.replaceAll("\\s+", " ").contains(fragment))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  /** The owner of the NSEC3 of {@code name} in the test zones (no salt, no extra iteration). */
  private static String hashedOwner(String name) {
    try {
      NSEC3PARAMRecord param =
          new NSEC3PARAMRecord(TestZones.name("example."), DClass.IN, 0, 1, 0, 0, new byte[0]);
      return new base32(base32.Alphabet.BASE32HEX, false, false)
              .toString(param.hashName(TestZones.name(name)))
              .toLowerCase(Locale.ROOT)
          + ".example.";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
