package net.anycastdns.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Unbound;
import net.anycastdns.zones.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Record;

/**
 * Zones kept unsigned and signed by the server from a key folder, validated by a real resolver
 * (Debian's {@code unbound}, trusting the zones' KSKs): every kind of answer is secure under NSEC
 * with a KSK and a ZSK of ECDSA P-256 and under NSEC3 with one Ed25519 key (a CSK); under NSEC3
 * with opt-out and RSA/SHA-256 keys, every answer whose proof does not rest on an opt-out span
 * (which validators rightly call insecure, RFC 5155 section 9.2). Skipped with a message where
 * {@code unbound} is missing, failing under {@code CI=true}.
 */
class OnlineSigningValidationTest {
  /** A GeoDNS service in each zone: its answers are signed at load, its other types NODATA. */
  private static final String GEO =
      """
      pops:
        fra1: {lat: 50.11, lon: 8.68}
        sin1: {lat: 1.35, lon: 103.82}
      networks:
        - {cidr: 127.0.0.0/8, lat: 1.29, lon: 103.85}
      services:
        geo.nsec.example.:
          addresses: {fra1: [192.0.2.10, "2001:db8::10"], sin1: [192.0.2.30]}
        geo.nsec3.example.:
          pops: 2
          addresses: {fra1: [192.0.2.11], sin1: [192.0.2.31, "2001:db8::31"]}
        geo.optout.example.:
          addresses: {fra1: [192.0.2.12], sin1: [192.0.2.32]}
      """;

  private static final List<String> ZONES =
      List.of("nsec.example.", "nsec3.example.", "optout.example.");

  /** The zone under NSEC3 with opt-out. */
  private static final String OPT_OUT = "optout.example.";

  @TempDir static Path dir;
  private static RunningServer server;
  private static Unbound unbound;

  @BeforeAll
  static void start() throws Exception {
    Path zones = Files.createDirectories(dir.resolve("zones"));
    Path keys = Files.createDirectories(dir.resolve("keys"));
    List<Record> anchors = new ArrayList<>();
    for (String zone : ZONES) {
      Files.writeString(zones.resolve(zone + "zone"), ExampleZones.PROOFS);
    }
    Files.writeString(zones.resolve("geo.yaml"), GEO);
    anchors.add(TestKeys.write(keys, "nsec.example.", 13, TestKeys.KSK, TestKeys.Times.NONE));
    TestKeys.write(keys, "nsec.example.", 13, TestKeys.ZSK, TestKeys.Times.NONE);
    anchors.add(TestKeys.write(keys, "nsec3.example.", 15, TestKeys.KSK, TestKeys.Times.NONE));
    anchors.add(TestKeys.write(keys, OPT_OUT, 8, TestKeys.KSK, TestKeys.Times.NONE));
    TestKeys.write(keys, OPT_OUT, 8, TestKeys.ZSK, TestKeys.Times.NONE);
    server =
        RunningServer.folder(
            zones,
            "pop: fra1",
            "dnssec: {keys: " + keys + "}",
            "zone-settings:",
            "  nsec3.example.: {dnssec: {denial: nsec3}}",
            "  " + OPT_OUT + ": {dnssec: {denial: nsec3, nsec3-opt-out: true}}");
    unbound =
        Unbound.start("OnlineSigningValidationTest", dir, anchors, ZONES, server.dnsAddress());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (unbound != null) {
      unbound.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # name                 | type    | rcode    | secure under opt-out
      @                      | SOA     | NOERROR  | true
      www                    | A       | NOERROR  | true
      nx                     | A       | NXDOMAIN | false
      a.www                  | A       | NXDOMAIN | false
      www                    | MX      | NOERROR  | true
      b.ent                  | TXT     | NOERROR  | true
      c.ent                  | TXT     | NXDOMAIN | false
      alice.users            | TXT     | NOERROR  | false
      alice.users            | A       | NOERROR  | false
      alias                  | A       | NOERROR  | true
      bob.redirect           | TXT     | NOERROR  | false
      secure                 | DS      | NOERROR  | true
      insecure               | DS      | NOERROR  | false
      @                      | DNSKEY  | NOERROR  | true
      @                      | CDS     | NOERROR  | true
      @                      | CDNSKEY | NOERROR  | true
      geo                    | A       | NOERROR  | true
      geo                    | AAAA    | NOERROR  | true
      geo                    | TXT     | NOERROR  | true
      """)
  void everyAnswerIsSecure(String name, String type, String rcode, boolean underOptOut)
      throws IOException {
    for (String zone : ZONES) {
      String qname = name.equals("@") ? zone : name + "." + zone;
      unbound.assertAnswer(qname, type, rcode, !zone.equals(OPT_OUT) || underOptOut);
    }
  }
}
