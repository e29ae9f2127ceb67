package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Type;

/**
 * Signing a zone again keeps the signatures of the snapshot served before where they still hold
 * ({@link SignatureReuse}): a reload signs only the RRsets that changed and their neighbours in the
 * NSEC or NSEC3 chain, and a refresh, a key rollover or a shorter validity signs everything they
 * concern. ECDSA signatures differ each time they are made, so a signature made again shows; and
 * every signature of the result verifies.
 */
class IncrementalSigningTest {
  private static final String ZONE = ZoneSignerTest.ZONE;
  private static final Instant FIRST = ZoneSignerTest.NOW;
  private static final Instant LATER = FIRST.plus(Duration.ofHours(1));
  private static final SigningPolicy NSEC = SigningPolicy.DEFAULTS;
  private static final SigningPolicy NSEC3 = ZoneSignerTest.policy(TestSigner.Denial.NSEC3);

  /** Every RRset with signatures, as "owner TYPE". */
  private static final String EVERYTHING = "*";

  @TempDir Path keys;

  /**
   * What signs the second time, and which RRsets get new signatures then.
   *
   * @param text the zone file signed the second time
   * @param policy the policy of the second signing
   * @param at the time of the second signing
   * @param newZsk whether a new ZSK replaces the first one (active now, the old one inactive)
   */
  record Second(String text, SigningPolicy policy, Instant at, boolean newZsk) {}

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of(
            "the same file an hour later: the SOA, whose serial moves",
            NSEC,
            new Second(ZONE, NSEC, LATER, false),
            List.of("example. SOA")),
        Arguments.of(
            "a record changed: its RRset",
            NSEC,
            new Second(ZONE.replace("192.0.2.80", "192.0.2.81"), NSEC, LATER, false),
            List.of("example. SOA", "www.example. A")),
        Arguments.of(
            "a name added: its RRsets, its NSEC and the NSEC before it",
            NSEC,
            new Second(ZONE + "mailx A 192.0.2.26\n", NSEC, LATER, false),
            List.of(
                "example. SOA", "mail.example. NSEC", "mailx.example. A", "mailx.example. NSEC")),
        Arguments.of(
            "a name added under NSEC3: its RRset, its NSEC3 and the NSEC3 before it",
            NSEC3,
            new Second(ZONE + "mailx A 192.0.2.26\n", NSEC3, LATER, false),
            List.of("example. SOA", "mailx.example. A", "NSEC3 new", "NSEC3 before new")),
        Arguments.of(
            "NSEC3 instead of NSEC: the new chain and its parameters",
            NSEC,
            new Second(ZONE, NSEC3, LATER, false),
            List.of("example. SOA", "example. NSEC3PARAM", "NSEC3 all")),
        Arguments.of(
            "less than a third of the validity and a tenth left: everything",
            NSEC,
            new Second(ZONE, NSEC, FIRST.plus(Duration.ofDays(9)), false),
            List.of(EVERYTHING)),
        Arguments.of(
            "a shorter validity: everything",
            NSEC,
            new Second(
                ZONE, new SigningPolicy(false, 0, "", false, Duration.ofDays(7)), LATER, false),
            List.of(EVERYTHING)),
        Arguments.of(
            "a new ZSK: everything but what the KSK signs and what did not change",
            NSEC,
            new Second(ZONE, NSEC, LATER, true),
            List.of(EVERYTHING, "-example. CDS", "-example. CDNSKEY")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void onlyWhatChangedIsSignedAgain(
      String description, SigningPolicy firstPolicy, Second second, List<String> expected)
      throws IOException {
    TestKeys.write(keys, "example.", 13, TestKeys.KSK, TestKeys.Times.NONE);
    DNSKEYRecord zsk = TestKeys.write(keys, "example.", 13, TestKeys.ZSK, TestKeys.Times.NONE);
    ZoneSnapshot before = sign(ZONE, firstPolicy, FIRST, null);
    if (second.newZsk()) {
      // The first ZSK retires (and stays published) as a new one takes over.
      Path old = keys.resolve(String.format("Kexample.+013+%05d.private", zsk.getFootprint()));
      Files.writeString(old, "Inactive: 20261130123000\n", StandardOpenOption.APPEND);
      TestKeys.write(keys, "example.", 13, TestKeys.ZSK, TestKeys.Times.NONE);
    }
    ZoneSnapshot after = sign(second.text(), second.policy(), second.at(), before);

    Set<String> made = madeAgain(before, after);
    Set<String> want = expectedSet(expected, after);
    OnlineSigning online = after.dnssec().online();
    assertAll(
        () -> assertEquals(want, made),
        () -> assertEquals(List.of(), SignatureVerifier.verify(after, 2)),
        () ->
            assertEquals(countSignatures(after), online.signaturesMade() + online.signaturesKept()),
        () -> assertEquals(signaturesOf(after, made), online.signaturesMade()));
  }

  /** After a small change, the zone is due again when the signatures kept from before are. */
  @Test
  void theRefreshFollowsTheOldestSignatureKept() throws IOException {
    TestKeys.write(keys, "example.", 13, TestKeys.KSK, TestKeys.Times.NONE);
    ZoneSnapshot before = sign(ZONE, NSEC, FIRST, null);
    ZoneSnapshot after = sign(ZONE.replace("192.0.2.80", "192.0.2.81"), NSEC, LATER, before);
    Duration validity = NSEC.validity();
    assertAll(
        () ->
            assertEquals(
                FIRST.plus(validity).minus(NSEC.refreshBefore()),
                before.dnssec().online().resignAt()),
        () -> assertEquals(before.dnssec().online().resignAt(), after.dnssec().online().resignAt()),
        () -> assertTrue(after.dnssec().online().signaturesKept() > 0));
  }

  /** "owner TYPE" of every RRset of {@code after} whose signatures differ from those before. */
  private static Set<String> madeAgain(ZoneSnapshot before, ZoneSnapshot after) {
    Set<String> out = new TreeSet<>();
    after.forEachRRset(
        r -> {
          if (r.type() != Type.RRSIG) {
            return;
          }
          RRset old = before.counterpart(r);
          if (old == null || !sameRecords(old, r)) {
            out.add(label(r));
          }
        });
    return out;
  }

  /** The signatures' owner and covered type; NSEC3 owners, whose hashes vary, as "NSEC3 h". */
  private static String label(RRset sigs) {
    int covered = DnssecRdata.rrsigTypeCovered(sigs.rdata(0));
    String owner = WireName.toString(sigs.owner());
    return (covered == Type.NSEC3 ? "NSEC3 " + owner : owner + " " + Type.string(covered));
  }

  /**
   * The rows' expectations as labels: {@link #EVERYTHING} for all RRsets signed (minus those
   * written "-owner TYPE"), "NSEC3 all" for the whole NSEC3 chain, "NSEC3 new" and "NSEC3 before
   * new" for the NSEC3 of mailx.example. and the one before it in hash order.
   */
  private static Set<String> expectedSet(List<String> expected, ZoneSnapshot after) {
    Set<String> all = new TreeSet<>();
    List<String> nsec3 = new ArrayList<>();
    after.forEachRRset(
        r -> {
          if (r.type() == Type.RRSIG) {
            all.add(label(r));
            if (DnssecRdata.rrsigTypeCovered(r.rdata(0)) == Type.NSEC3) {
              nsec3.add(label(r));
            }
          }
        });
    Set<String> out = new TreeSet<>();
    for (String e : expected) {
      switch (e) {
        case EVERYTHING -> out.addAll(all);
        case "NSEC3 all" -> out.addAll(nsec3);
        case "NSEC3 new", "NSEC3 before new" -> out.add(nsec3Of("mailx.example.", e, after));
        default -> {
          if (e.startsWith("-")) {
            out.remove(e.substring(1));
          } else {
            out.add(e);
          }
        }
      }
    }
    return out;
  }

  /** The label of the NSEC3 of {@code name}, or with "before" in {@code which} of its previous. */
  private static String nsec3Of(String name, String which, ZoneSnapshot zone) {
    byte[] param = zone.apex().rrset(Type.NSEC3PARAM).rdata(0);
    byte[] wire = WireName.of(name);
    byte[] hash = new Nsec3Hash().hash(param, wire, 0, wire.length).clone();
    Nsec3Chain chain = zone.dnssec().nsec3();
    int i = chain.find(hash);
    if (which.contains("before")) {
      i = (i - 1 + chain.size()) % chain.size();
    }
    return "NSEC3 " + WireName.toString(chain.record(i).owner());
  }

  private static boolean sameRecords(RRset a, RRset b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      boolean found = false;
      for (int j = 0; j < b.size() && !found; j++) {
        found = Arrays.equals(a.rdata(i), b.rdata(j));
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static int countSignatures(ZoneSnapshot zone) {
    int[] count = {0};
    zone.forEachRRset(r -> count[0] += r.type() == Type.RRSIG ? r.size() : 0);
    return count[0];
  }

  /** How many signatures the RRsets labelled {@code made} hold in {@code zone}. */
  private static int signaturesOf(ZoneSnapshot zone, Set<String> made) {
    int[] count = {0};
    zone.forEachRRset(
        r -> {
          if (r.type() == Type.RRSIG && made.contains(label(r))) {
            count[0] += r.size();
          }
        });
    return count[0];
  }

  private ZoneSnapshot sign(String text, SigningPolicy policy, Instant at, ZoneSnapshot before) {
    KeyFolder.Contents contents = KeyFolder.read(keys);
    List<SigningKey> zoneKeys = contents.keys().get(TestZones.name("example."));
    ZoneDirectoryLoader.ZoneLoad load =
        ZoneDirectoryLoader.load(
            "test.zone",
            TestZones.name("example."),
            text.getBytes(StandardCharsets.UTF_8),
            new ZoneDirectoryLoader.Options(Clock.fixed(at, ZoneOffset.UTC), false),
            new ZoneSigning(zoneKeys, policy, at, before));
    assertTrue(load.ok(), () -> load.problems().toString());
    return load.zone();
  }
}
