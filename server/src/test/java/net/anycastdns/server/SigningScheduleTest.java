package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.SettableClock;
import net.anycastdns.server.testing.SignedAnswer;
import net.anycastdns.zones.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A zone signed here over time, on a clock the test moves: signatures are made again before they
 * run short (by the server itself, nobody asking), and a ZSK pre-publish rollover and a KSK
 * double-DS rollover (RFC 6781 sections 4.1.1.1 and 4.1.2) follow the timing metadata of the key
 * files, each step's answers verified at that step's time.
 */
class SigningScheduleTest {
  static final String ZONE =
      """
      $TTL 3600
      @          SOA   ns1 hostmaster 5 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.53
      www        A     192.0.2.80
      """;

  static final String ORIGIN = "example.net.";
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Duration DAY = Duration.ofDays(1);

  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(T0);

  @Test
  void signaturesAreMadeAgainBeforeTheyRunShort() throws Exception {
    Path keys = keys();
    TestKeys.write(keys, ORIGIN, 13, TestKeys.KSK, TestKeys.Times.NONE);
    TestKeys.write(keys, ORIGIN, 13, TestKeys.ZSK, TestKeys.Times.NONE);
    try (RunningServer server = start(keys)) {
      SignedAnswer first = soa(server);
      assertAll(
          () -> assertEquals(java.util.List.of(), first.failures()),
          () -> assertEquals(T0.plus(Duration.ofDays(14)), expiration(first)),
          () -> assertEquals(5, serial(first)));
      // 10 of 14 days gone: less than a third of the validity is left.
      Instant later = T0.plus(Duration.ofDays(10));
      clock.set(later);
      Await.until(
          "signed again, nobody asking",
          () -> expiration(soa(server)).equals(later.plus(Duration.ofDays(14))));
      SignedAnswer again = soa(server);
      assertAll(
          () -> assertEquals(java.util.List.of(), again.failures()),
          () -> assertEquals(6, serial(again), "the serial goes up with the signatures"));
    }
  }

  @Test
  void aRefusedPushDoesNotStopTheRefresh() throws Exception {
    Path keys = keys();
    TestKeys.write(keys, ORIGIN, 13, TestKeys.KSK, TestKeys.Times.NONE);
    try (RunningServer server = start(keys)) {
      Files.writeString(dir.resolve("zones").resolve("broken.test.zone"), "@ SOA garbage\n");
      server.sync(409);
      Instant later = T0.plus(Duration.ofDays(10));
      clock.set(later);
      // The revision served is signed again, though the newest one stays refused.
      Await.until(
          "signed again despite the refused push",
          () -> expiration(soa(server)).equals(later.plus(Duration.ofDays(14))));
      assertEquals(java.util.List.of(), soa(server).failures());
    }
  }

  @Test
  void zskPrePublishRollover() throws Exception {
    Path keys = keys();
    int ksk = TestKeys.write(keys, ORIGIN, 13, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    int oldZsk =
        TestKeys.write(
                keys,
                ORIGIN,
                13,
                TestKeys.ZSK,
                new TestKeys.Times(
                    null, null, T0.plus(DAY.multipliedBy(2)), T0.plus(DAY.multipliedBy(4))))
            .getFootprint();
    int newZsk =
        TestKeys.write(
                keys,
                ORIGIN,
                13,
                TestKeys.ZSK,
                new TestKeys.Times(T0.plus(DAY), T0.plus(DAY.multipliedBy(2)), null, null))
            .getFootprint();
    try (RunningServer server = start(keys)) {
      // Step by step: published keys, and the key that signs the zone's data.
      step(server, T0, Set.of(ksk, oldZsk), oldZsk, ksk);
      step(server, T0.plus(DAY), Set.of(ksk, oldZsk, newZsk), oldZsk, ksk);
      step(server, T0.plus(DAY.multipliedBy(2)), Set.of(ksk, oldZsk, newZsk), newZsk, ksk);
      step(server, T0.plus(DAY.multipliedBy(4)), Set.of(ksk, newZsk), newZsk, ksk);
    }
  }

  @Test
  void kskDoubleDsRollover() throws Exception {
    Path keys = keys();
    Instant swap = T0.plus(DAY.multipliedBy(2));
    int oldKsk =
        TestKeys.write(keys, ORIGIN, 13, TestKeys.KSK, new TestKeys.Times(null, null, swap, swap))
            .getFootprint();
    int newKsk =
        TestKeys.write(keys, ORIGIN, 13, TestKeys.KSK, new TestKeys.Times(swap, swap, null, null))
            .getFootprint();
    int zsk = TestKeys.write(keys, ORIGIN, 13, TestKeys.ZSK, TestKeys.Times.NONE).getFootprint();
    try (RunningServer server = start(keys)) {
      // Until the swap the parent is asked (CDS) to hold the DS of both; the DNSKEY RRset holds
      // the old KSK only.
      step(server, T0, Set.of(oldKsk, zsk), zsk, oldKsk);
      assertEquals(Set.of(oldKsk, newKsk), cds(server, T0));
      // The swap: the new KSK in, the old out; the parent is asked to drop the old DS.
      step(server, swap, Set.of(newKsk, zsk), zsk, newKsk);
      assertEquals(Set.of(newKsk), cds(server, swap));
    }
  }

  /**
   * Moves the clock to {@code at}, has the server sync, and checks the DNSKEY RRset, the signer of
   * the zone's data and of the DNSKEY RRset, and every signature at that time.
   */
  private void step(RunningServer server, Instant at, Set<Integer> published, int zsk, int ksk)
      throws Exception {
    clock.set(at);
    server.sync(200);
    SignedAnswer dnskey = SignedAnswer.ask(server.dnsAddress(), ORIGIN, ORIGIN, Type.DNSKEY, at);
    SignedAnswer www = SignedAnswer.ask(server.dnsAddress(), ORIGIN, "www." + ORIGIN, Type.A, at);
    String when = "at T0+" + Duration.between(T0, at).toDays() + "d";
    assertAll(
        when,
        () -> assertEquals(published, dnskey.keyTags(), when + ": DNSKEY RRset"),
        () -> assertEquals(Set.of(ksk), dnskey.signers(), when + ": DNSKEY signed by"),
        () -> assertEquals(Set.of(zsk), www.signers(), when + ": data signed by"),
        () -> assertEquals(java.util.List.of(), dnskey.failures(), when),
        () -> assertEquals(java.util.List.of(), www.failures(), when));
  }

  private static Set<Integer> cds(RunningServer server, Instant at) throws Exception {
    SignedAnswer cds = SignedAnswer.ask(server.dnsAddress(), ORIGIN, ORIGIN, Type.CDS, at);
    assertEquals(java.util.List.of(), cds.failures());
    return cds.keyTags();
  }

  private SignedAnswer soa(RunningServer server) throws Exception {
    return SignedAnswer.ask(server.dnsAddress(), ORIGIN, ORIGIN, Type.SOA, clock.instant());
  }

  private static Instant expiration(SignedAnswer a) {
    return a.rrset().sigs().stream()
        .map(RRSIGRecord::getExpire)
        .min(Instant::compareTo)
        .orElseThrow();
  }

  private static long serial(SignedAnswer a) {
    return ((SOARecord) a.rrset().first()).getSerial();
  }

  private Path keys() throws Exception {
    return Files.createDirectory(dir.resolve("keys"));
  }

  private RunningServer start(Path keys) throws Exception {
    Path zones = Files.createDirectory(dir.resolve("zones"));
    Files.writeString(zones.resolve(ORIGIN + "zone"), ZONE);
    return RunningServer.start("zones: " + zones + "\ndnssec: {keys: " + keys + "}", clock);
  }
}
