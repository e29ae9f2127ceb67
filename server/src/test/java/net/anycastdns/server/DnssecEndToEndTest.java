package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Scrape;
import net.anycastdns.zones.TestSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Signed zones served over UDP and TCP: with the DO bit RRSIGs and NSEC3 proofs come with the data,
 * without it nothing changes; AD is never set and CD is copied; a DS query for a child zone is
 * answered by its parent; an RRset and its RRSIGs are truncated together, and a proof that does not
 * fit sets TC; the earliest signature expiration is a metric.
 */
class DnssecEndToEndTest {
  private static final String PARENT =
      """
      $TTL 3600
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.53
      www        A     192.0.2.80
      sub        NS    ns1.sub
      sub        DS    12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      ns1.sub    A     192.0.2.54
      big        TXT   "%s"
      """
          .formatted("x".repeat(250) + "\" \"" + "y".repeat(100));

  private static final String CHILD =
      """
      $TTL 3600
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.54
      """;

  @TempDir static Path dir;
  private static RunningServer server;

  @BeforeAll
  static void start() throws IOException, ConfigException {
    write("example.test.zone", TestSigner.sign("example.test.", PARENT, TestSigner.Denial.NSEC3));
    write(
        "sub.example.test.zone",
        TestSigner.sign("sub.example.test.", CHILD, TestSigner.Denial.NSEC));
    server = RunningServer.folder(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "tcp={0}")
  @ValueSource(booleans = {false, true})
  void answersCarryTheirSignatures(boolean tcp) throws IOException {
    Message signed = ask("www.example.test.", Type.A, true, 1232, tcp);
    Message plain = ask("www.example.test.", Type.A, false, 1232, tcp);
    assertAll(
        () -> assertEquals(List.of("A", "RRSIG"), types(signed, Section.ANSWER)),
        () -> assertEquals(List.of("A"), types(plain, Section.ANSWER)),
        () ->
            assertTrue(
                signed.getOPT() != null && (signed.getOPT().getFlags() & ExtendedFlags.DO) != 0),
        () -> assertFalse(signed.getHeader().getFlag(Flags.AD), "AD is never set"));
  }

  @Test
  void nxdomainCarriesTheClosestEncloserProof() throws IOException {
    Message r = ask("nx.example.test.", Type.A, true, 1232, false);
    List<String> authority = types(r, Section.AUTHORITY);
    assertAll(
        () -> assertEquals(Rcode.NXDOMAIN, r.getRcode()),
        () -> assertEquals("SOA", authority.get(0)),
        () -> assertEquals("RRSIG", authority.get(1)),
        // closest encloser, next closer name, wildcard: three NSEC3, or fewer when one serves two
        () ->
            assertTrue(
                authority.stream().filter("NSEC3"::equals).count() >= 2, authority.toString()),
        () ->
            assertEquals(
                authority.stream().filter("NSEC3"::equals).count() + 1,
                authority.stream().filter("RRSIG"::equals).count(),
                authority.toString()));
  }

  @Test
  void cdIsCopiedAndAdNeverSet() throws IOException {
    Message query = query("www.example.test.", Type.A, true, 1232);
    query.getHeader().setFlag(Flags.CD);
    query.getHeader().setFlag(Flags.AD);
    Message r = server.udp(query);
    assertAll(
        () -> assertTrue(r.getHeader().getFlag(Flags.CD)),
        () -> assertFalse(r.getHeader().getFlag(Flags.AD)));
  }

  /** RFC 4035 section 3.1.4.1: DS is the parent's data, even when the child is served here. */
  @Test
  void dsIsAnsweredByTheParent() throws IOException {
    Message r = ask("sub.example.test.", Type.DS, true, 1232, false);
    List<Record> answer = r.getSection(Section.ANSWER);
    assertAll(
        () -> assertEquals(List.of("DS", "RRSIG"), types(r, Section.ANSWER)),
        () -> assertTrue(r.getHeader().getFlag(Flags.AA)),
        () -> assertEquals("example.test.", ((RRSIGRecord) answer.get(1)).getSigner().toString()));
  }

  /**
   * The TXT RRset fits 512 octets alone but not with its RRSIG: with DO the response is truncated,
   * holding neither (RFC 4035 section 3.1.1), not the RRset without its signature.
   */
  @Test
  void anRrsetAndItsSignaturesAreTruncatedTogether() throws IOException {
    Message plain = ask("big.example.test.", Type.TXT, false, 512, false);
    Message signed = ask("big.example.test.", Type.TXT, true, 512, false);
    Message overTcp = ask("big.example.test.", Type.TXT, true, 512, true);
    assertAll(
        () -> assertFalse(plain.getHeader().getFlag(Flags.TC)),
        () -> assertEquals(List.of("TXT"), types(plain, Section.ANSWER)),
        () -> assertTrue(signed.getHeader().getFlag(Flags.TC)),
        () -> assertEquals(List.of(), types(signed, Section.ANSWER)),
        () -> assertEquals(List.of("TXT", "RRSIG"), types(overTcp, Section.ANSWER)));
  }

  /** A proof that does not fit is not left out: the resolver is told to ask over TCP. */
  @Test
  void aProofThatDoesNotFitSetsTc() throws IOException {
    Message r = ask("nx.example.test.", Type.A, true, 512, false);
    assertAll(
        () -> assertTrue(r.getHeader().getFlag(Flags.TC)),
        () -> assertEquals(Rcode.NXDOMAIN, r.getRcode()));
  }

  @Test
  void earliestSignatureExpirationIsAMetric() throws Exception {
    Scrape metrics = server.scrape();
    for (String zone : List.of("example.test.", "sub.example.test.")) {
      assertEquals(
          (double) TestSigner.EXPIRATION.getEpochSecond(),
          metrics.value("dns_dnssec_signature_expiry_timestamp_seconds", "zone", zone),
          zone);
    }
  }

  private static Message ask(String name, int type, boolean dnssecOk, int payload, boolean tcp)
      throws IOException {
    Message query = query(name, type, dnssecOk, payload);
    return tcp ? server.tcp(query) : server.udp(query);
  }

  private static Message query(String name, int type, boolean dnssecOk, int payload) {
    Message query = RunningServer.query(name, type);
    query.addRecord(
        new OPTRecord(payload, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    return query;
  }

  private static List<String> types(Message m, int section) {
    return m.getSection(section).stream().map(r -> Type.string(r.getType())).toList();
  }

  private static void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
  }
}
