package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.anycastdns.zones.keys.KeyFolder;
import net.anycastdns.zones.keys.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Type;

/**
 * Signing a zone while it is compiled ({@link ZoneSigner}): the result passes the checks of a zone
 * that arrived signed, every signature verifies, the chain and bit maps are those an offline signer
 * writes ({@link TestSigner}, which signs as ldns-signzone does), each key signs what its kind
 * signs, and the served serial moves as documented.
 */
class ZoneSignerTest {
  static final String ZONE =
      """
      $TTL 3600
      @          SOA   ns1 hostmaster 7 7200 900 1209600 300
                 NS    ns1
                 MX    10 mail
      ns1        A     192.0.2.53
      mail       A     192.0.2.25
      www        A     192.0.2.80
                 AAAA  2001:db8::80
      *.users    TXT   "wildcard"
      a.b.ent    TXT   "below empty non-terminals"
      secure     NS    ns.secure
      secure     DS    12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      ns.secure  A     192.0.2.1
      insecure   NS    ns.elsewhere.test.
      x.y.only-insecure NS ns.elsewhere.test.
      """;

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @TempDir Path keys;

  static Stream<Arguments> algorithmsAndDenials() {
    List<Arguments> out = new ArrayList<>();
    for (int alg :
        new int[] {
          DNSSEC.Algorithm.RSASHA256, DNSSEC.Algorithm.ECDSAP256SHA256, DNSSEC.Algorithm.ED25519
        }) {
      for (TestSigner.Denial d : TestSigner.Denial.values()) {
        out.add(Arguments.of(alg, d));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("algorithmsAndDenials")
  void signedZonesPassEveryCheckAndVerify(int algorithm, TestSigner.Denial denial)
      throws IOException {
    TestKeys.write(keys, "example.", algorithm, TestKeys.KSK, TestKeys.Times.NONE);
    TestKeys.write(keys, "example.", algorithm, TestKeys.ZSK, TestKeys.Times.NONE);
    ZoneDirectoryLoader.ZoneLoad load = sign(ZONE, policy(denial), null);
    assertTrue(load.ok(), () -> load.problems().toString());
    ZoneSnapshot zone = load.zone();
    assertAll(
        () -> assertEquals(List.of(), load.problems()),
        () -> assertEquals(List.of(), SignatureVerifier.verify(zone, 2)),
        () -> assertEquals(denial != TestSigner.Denial.NSEC, zone.dnssec().usesNsec3()),
        () -> assertNotNull(zone.dnssec().online()),
        () ->
            assertEquals(
                NOW.plus(Duration.ofDays(14)).getEpochSecond(),
                zone.dnssec().earliestExpiration()));
  }

  /**
   * The records of denial, and which RRsets carry signatures, are those an offline signer makes.
   */
  @ParameterizedTest
  @MethodSource("algorithmsAndDenials")
  void sameChainAsAnOfflineSigner(int algorithm, TestSigner.Denial denial) throws IOException {
    // One key without the SEP flag: no CDS or CDNSKEY, which the offline signer does not make.
    TestKeys.write(keys, "example.", algorithm, TestKeys.ZSK, TestKeys.Times.NONE);
    ZoneSnapshot ours = sign(ZONE, policy(denial), null).zone();
    ZoneSnapshot offline = TestZones.compile("example.", TestSigner.sign("example.", ZONE, denial));
    assertEquals(shape(offline), shape(ours));
  }

  /** Each record but DNSKEY, CDS, CDNSKEY and RRSIG, and for RRSIGs owner and type covered. */
  private static Set<String> shape(ZoneSnapshot zone) {
    Set<String> out = new TreeSet<>();
    for (String line : ZoneWriter.write(zone).split("\n")) {
      String[] f = line.split("\\s+");
      if (line.startsWith(";")) {
        continue;
      }
      switch (f[3]) {
        case "DNSKEY", "CDS", "CDNSKEY" -> out.add(f[0] + " " + f[3]);
        case "RRSIG" -> out.add(f[0] + " RRSIG " + f[4]);
        case "SOA" -> out.add(f[0] + " SOA");
        default -> out.add(line);
      }
    }
    return out;
  }

  @Test
  void kskSignsTheKeysAndZskTheRest() throws IOException {
    int ksk =
        TestKeys.write(keys, "example.", 13, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    int zsk =
        TestKeys.write(keys, "example.", 13, TestKeys.ZSK, TestKeys.Times.NONE).getFootprint();
    ZoneSnapshot zone = sign(ZONE, SigningPolicy.DEFAULTS, null).zone();
    RRset apexSigned = zone.apex().rrset(Type.DNSKEY);
    assertAll(
        () -> assertEquals(List.of(ksk), tags(zone.apex().rrset(Type.DNSKEY))),
        () -> assertEquals(List.of(ksk), tags(zone.apex().rrset(Type.CDS))),
        () -> assertEquals(List.of(ksk), tags(zone.apex().rrset(Type.CDNSKEY))),
        () -> assertEquals(List.of(zsk), tags(zone.apex().rrset(Type.SOA))),
        () -> assertEquals(List.of(zsk), tags(zone.apex().rrset(Type.NSEC))),
        () -> assertEquals(2, apexSigned.size()),
        () -> assertEquals(1, zone.apex().rrset(Type.CDS).size()));
  }

  @Test
  void aSingleKeySignsEverything() throws IOException {
    int csk =
        TestKeys.write(keys, "example.", 15, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    ZoneSnapshot zone = sign(ZONE, SigningPolicy.DEFAULTS, null).zone();
    assertAll(
        () -> assertEquals(List.of(csk), tags(zone.apex().rrset(Type.DNSKEY))),
        () ->
            assertEquals(
                List.of(csk),
                tags(zone.find(TestZones.name("www.example.").toWire(), 0).rrset(Type.A))));
  }

  @Test
  void aZoneWithoutActiveKeyIsNotServed() throws IOException {
    TestKeys.write(
        keys,
        "example.",
        13,
        TestKeys.KSK,
        new TestKeys.Times(null, NOW.plus(Duration.ofDays(1)), null, null));
    ZoneDirectoryLoader.ZoneLoad load = sign(ZONE, SigningPolicy.DEFAULTS, null);
    assertFalse(load.ok());
    String message = load.problems().get(0).toString();
    assertTrue(
        message.matches(
            "test\\.zone:0: zone example\\.: no key is active at 2026-11-30T12:00:00Z, so the zone"
                + " cannot be signed: Kexample\\.\\+013\\+\\d{5}\\.private \\(KSK \\d+\\)"),
        message);
  }

  @ParameterizedTest
  @CsvSource({
    // file serial, served before (-1: none), served now
    "7, -1, 7",
    "7, 7, 8",
    "7, 9, 10",
    "12, 9, 12",
    "4294967295, 4294967295, 0",
    "0, 4294967295, 0",
  })
  void servedSerial(long file, long before, long now) {
    assertEquals(now, ZoneSigner.servedSerial(file, before));
  }

  @Test
  void reSigningAnUnchangedFileRaisesTheSerial() throws IOException {
    TestKeys.write(keys, "example.", 13, TestKeys.KSK, TestKeys.Times.NONE);
    ZoneSnapshot first = sign(ZONE, SigningPolicy.DEFAULTS, null).zone();
    ZoneSnapshot again = sign(ZONE, SigningPolicy.DEFAULTS, first).zone();
    assertAll(
        () -> assertEquals(7, first.serial()),
        () -> assertEquals(8, again.serial()),
        () -> assertEquals(7, again.sourceSerial()));
  }

  @Test
  void aZoneThatArrivedSignedIsServedAsItCame() throws IOException {
    TestKeys.write(keys, "example.", 13, TestKeys.KSK, TestKeys.Times.NONE);
    String signed = TestSigner.sign("example.", ZONE, TestSigner.Denial.NSEC);
    ZoneDirectoryLoader.ZoneLoad load = sign(signed, SigningPolicy.DEFAULTS, null);
    assertAll(
        () -> assertTrue(load.ok()),
        () -> assertEquals(null, load.zone().dnssec().online()),
        () -> assertEquals(1, load.zone().apex().rrset(Type.DNSKEY).size()));
  }

  static SigningPolicy policy(TestSigner.Denial denial) {
    return new SigningPolicy(
        denial != TestSigner.Denial.NSEC,
        0,
        "",
        denial == TestSigner.Denial.NSEC3_OPT_OUT,
        Duration.ofDays(14));
  }

  private ZoneDirectoryLoader.ZoneLoad sign(
      String text, SigningPolicy policy, ZoneSnapshot servedBefore) {
    KeyFolder.Contents contents = KeyFolder.read(keys);
    assertEquals(List.of(), contents.problems().stream().filter(ZoneProblem::isError).toList());
    List<SigningKey> zoneKeys = contents.keys().get(TestZones.name("example."));
    return ZoneDirectoryLoader.load(
        "test.zone",
        TestZones.name("example."),
        text.getBytes(StandardCharsets.UTF_8),
        new ZoneDirectoryLoader.Options(Clock.fixed(NOW, ZoneOffset.UTC), false),
        new ZoneSigning(zoneKeys, policy, NOW, servedBefore));
  }

  private static List<Integer> tags(RRset r) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < r.signatureCount(); i++) {
      out.add(DnssecRdata.rrsigKeyTag(r.signature(i)));
    }
    return out;
  }
}
