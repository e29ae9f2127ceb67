package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.SettableClock;
import net.anycastdns.server.testing.SignedAnswer;
import net.anycastdns.zones.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Type;

/**
 * A push to a zone signed here signs only what it changed: the changed RRset and the SOA get new
 * signatures, every other RRset keeps the one it was served with, and the sync says how many
 * signatures it made and kept.
 */
class PushReSigningTest {
  private static final String ZONE = SigningScheduleTest.ZONE;
  private static final String ORIGIN = SigningScheduleTest.ORIGIN;
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(T0);

  @Test
  void aPushSignsOnlyTheRecordsItChanged() throws Exception {
    Path keys = Files.createDirectory(dir.resolve("keys"));
    TestKeys.write(keys, ORIGIN, 13, TestKeys.KSK, TestKeys.Times.NONE);
    TestKeys.write(keys, ORIGIN, 13, TestKeys.ZSK, TestKeys.Times.NONE);
    Path zones = Files.createDirectory(dir.resolve("zones"));
    Path file = zones.resolve(ORIGIN + "zone");
    Files.writeString(file, ZONE);
    try (RunningServer server =
        RunningServer.start("zones: " + zones + "\ndnssec: {keys: " + keys + "}", clock)) {
      RRSIGRecord ns1Before = signature(server, "ns1." + ORIGIN);
      RRSIGRecord wwwBefore = signature(server, "www." + ORIGIN);
      Instant later = T0.plus(Duration.ofHours(1));
      clock.set(later);
      Files.writeString(file, ZONE.replace(" 5 ", " 6 ").replace("192.0.2.80", "192.0.2.81"));

      String changes = server.sync(200).get("changes").toString();

      RRSIGRecord ns1After = signature(server, "ns1." + ORIGIN);
      RRSIGRecord wwwAfter = signature(server, "www." + ORIGIN);
      assertAll(
          // The SOA and www's A: one signature each by the ZSK. The DNSKEY RRset (by the KSK),
          // CDS, CDNSKEY, NS, ns1's A and the three NSEC RRsets keep theirs.
          () ->
              assertEquals(
                  "[\"example.net. serial 5 -> 6 (signed: 2 signatures made, 8 kept)\"]", changes),
          () -> assertEquals(ns1Before, ns1After, "ns1's A kept its signature"),
          () -> assertNotEquals(wwwBefore, wwwAfter, "www's A changed, so was signed again"),
          () -> assertEquals(later.plus(Duration.ofDays(14)), wwwAfter.getExpire()),
          () -> assertEquals(T0.plus(Duration.ofDays(14)), ns1After.getExpire()));
    }
  }

  private RRSIGRecord signature(RunningServer server, String name) throws Exception {
    SignedAnswer a = SignedAnswer.ask(server.dnsAddress(), ORIGIN, name, Type.A, clock.instant());
    assertEquals(List.of(), a.failures());
    return a.rrset().sigs().get(0);
  }
}
