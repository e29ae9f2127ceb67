package net.anycastdns.server;

import static net.anycastdns.server.Queries.edns;
import static net.anycastdns.server.Queries.query;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.anycastdns.server.query.ServerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Size limits and truncation (RFC 1035 4.2.1, RFC 6891 6.2.5, RFC 2181 section 9) and name
 * compression (RFC 1035 4.1.4).
 */
class TruncationTest {
  /** 49 A records fit 1232 octets and not 512; 100 fit 4096 and not 1232; so do 8 TXT of 200. */
  private static final String ZONE =
      """
      $TTL 3600
      @     IN SOA   ns1 hostmaster 2024010101 7200 3600 1209600 300
      @     IN NS    ns1
      ns1   IN A     192.0.2.53
      www   IN A     192.0.2.1
      alias IN CNAME big
      $GENERATE 1-49  many A 203.0.113.$
      $GENERATE 1-100 big  A 198.51.100.$
      """
          + txtRecords("text", 8, 200);

  /** Records per RRset in the zone, to tell a whole RRset from part of one. */
  private static final Map<String, Integer> RRSET_SIZES =
      Map.of(
          "www.example.org./A",
          1,
          "alias.example.org./CNAME",
          1,
          "many.example.org./A",
          49,
          "big.example.org./A",
          100,
          "text.example.org./TXT",
          8);

  private static final TestServer SERVER = TestServer.of(ZONE);
  private static final TestServer SERVER_4096 =
      TestServer.of(
          new ServerIdentity(TestServer.IDENTITY, TestServer.VERSION),
          4096,
          TestServer.zone("example.org.", ZONE));

  private static String txtRecords(String owner, int count, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String s = (char) ('a' + i) + "x".repeat(length - 1);
      sb.append(owner).append(" IN TXT \"").append(s).append("\"\n");
    }
    return sb.toString();
  }

  enum Transport {
    UDP,
    UDP_EDNS_4096,
    TCP,
    TCP_EDNS_4096
  }

  @ParameterizedTest(name = "{0} {1} over {2}")
  @CsvSource({
    // name,   type,  transport,      TC,    answer records, most octets
    "www,      A,     UDP,            false, 1,   512",
    "many,     A,     UDP,            true,  0,   512",
    "big,      A,     UDP,            true,  0,   512",
    "alias,    A,     UDP,            true,  1,   512",
    "text,     TXT,   UDP,            true,  0,   512",
    "many,     A,     UDP_EDNS_4096,  false, 49,  1232",
    "big,      A,     UDP_EDNS_4096,  true,  0,   1232",
    "alias,    A,     UDP_EDNS_4096,  true,  1,   1232",
    "text,     TXT,   UDP_EDNS_4096,  true,  0,   1232",
    "many,     A,     TCP,            false, 49,  65535",
    "big,      A,     TCP,            false, 100, 65535",
    "alias,    A,     TCP,            false, 101, 65535",
    "text,     TXT,   TCP,            false, 8,   65535",
    "big,      A,     TCP_EDNS_4096,  false, 100, 65535",
    "text,     TXT,   TCP_EDNS_4096,  false, 8,   65535",
  })
  void truncatesWholeRRsetsOnly(
      String label, String type, Transport transport, boolean tc, int answers, int most) {
    Message q = query(label + ".example.org.", Type.value(type));
    boolean ednsUsed = transport == Transport.UDP_EDNS_4096 || transport == Transport.TCP_EDNS_4096;
    if (ednsUsed) {
      edns(q, 4096, false);
    }
    boolean tcp = transport == Transport.TCP || transport == Transport.TCP_EDNS_4096;
    TestServer.Response resp = tcp ? SERVER.tcp(q) : SERVER.udp(q);
    Message r = resp.message();
    assertAll(
        () -> assertTrue(resp.length() <= most, "length " + resp.length() + " > " + most),
        () -> assertEquals(tc, r.getHeader().getFlag(Flags.TC), "TC"),
        () -> assertEquals(Rcode.NOERROR, r.getRcode()),
        () -> assertTrue(r.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertEquals(answers, r.getSection(Section.ANSWER).size(), "answer records"),
        () -> assertEquals(ednsUsed, r.getOPT() != null, "OPT present, TC or not"),
        () -> assertWholeRRsets(r.getSection(Section.ANSWER)));
    if (ednsUsed) {
      assertEquals(TestServer.MAX_UDP, r.getOPT().getPayloadSize());
    }
  }

  private static void assertWholeRRsets(List<Record> records) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Record rec : records) {
      counts.merge(
          rec.getName().toString().toLowerCase() + "/" + Type.string(rec.getType()),
          1,
          Integer::sum);
    }
    counts.forEach((rrset, n) -> assertEquals(RRSET_SIZES.get(rrset), n, "records of " + rrset));
  }

  @ParameterizedTest(name = "client {0}")
  @CsvSource({
    "512,  true,  0",
    "1232, true,  0",
    "1600, true,  0",
    "1700, false, 100",
    "4096, false, 100",
  })
  void serverLimitOf4096LetsTheClientDecide(int payload, boolean tc, int answers) {
    // big A is 12 + 20 + 100 * 16 + 11 = 1643 octets with EDNS.
    TestServer.Response resp =
        SERVER_4096.udp(edns(query("big.example.org.", Type.A), payload, false));
    Message r = resp.message();
    assertTrue(resp.length() <= payload, "length " + resp.length());
    assertEquals(tc, r.getHeader().getFlag(Flags.TC));
    assertEquals(answers, r.getSection(Section.ANSWER).size());
    assertEquals(4096, r.getOPT().getPayloadSize());
  }

  /**
   * Twelve name servers below the cut, each with A and AAAA: the NS RRset and the A glue fit 512
   * octets, the AAAA glue does not. Twelve mail hosts the same way, for an ordinary answer.
   */
  private static final TestServer GLUE =
      TestServer.of(
          """
      $TTL 3600
      @     IN SOA   ns1 hostmaster 2024010101 7200 3600 1209600 300
      @     IN NS    ns1
      ns1   IN A     192.0.2.53
      $GENERATE 1-12 deleg NS ns$.deleg
      $GENERATE 1-12 ns$.deleg A 192.0.2.$
      $GENERATE 1-12 ns$.deleg AAAA 2001:db8::$
      $GENERATE 1-12 mx$ A 198.51.100.$
      $GENERATE 1-12 mx$ AAAA 2001:db8:1::$
      """
              + mxRecords(12)); // $GENERATE makes no MX records

  private static String mxRecords(int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      sb.append("@ IN MX ").append(i).append(" mx").append(i).append('\n');
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0} {1} over {2}")
  @CsvSource({
    // name,          type, tcp,   TC,    answer, authority, additional (fewest, most)
    "x.deleg,         A,    false, true,  0,      12,        12, 23",
    "x.deleg,         A,    true,  false, 0,      12,        24, 24",
    "example.org.,    MX,   false, false, 12,     0,         12, 23",
    "example.org.,    MX,   true,  false, 12,     0,         24, 24",
  })
  void referralGlueThatDoesNotFitTruncatesOtherAdditionalDataDoesNot(
      String name,
      String type,
      boolean tcp,
      boolean tc,
      int answer,
      int authority,
      int fewest,
      int most) {
    // RFC 9471 section 3 for the referral; RFC 2181 section 9 for the MX answer.
    String qname = name.endsWith(".") ? name : name + ".example.org.";
    Message q = query(qname, Type.value(type));
    TestServer.Response resp = tcp ? GLUE.tcp(q) : GLUE.udp(q);
    Message r = resp.message();
    assertAll(
        () -> assertTrue(resp.length() <= (tcp ? 65535 : 512), "length " + resp.length()),
        () -> assertEquals(tc, r.getHeader().getFlag(Flags.TC), "TC"),
        () -> assertEquals(answer, r.getSection(Section.ANSWER).size(), "answer"),
        () -> assertEquals(authority, r.getSection(Section.AUTHORITY).size(), "authority"),
        () -> assertTrue(r.getSection(Section.ADDITIONAL).size() >= fewest, "additional"),
        () -> assertTrue(r.getSection(Section.ADDITIONAL).size() <= most, "additional"));
  }

  @Test
  void ownersAreCompressedToTheQuestion() {
    // many.example.org. is 18 octets; each record is a 2-octet pointer, type, class, TTL,
    // rdlength and 4 octets of address.
    TestServer.Response resp = SERVER.udp(edns(query("many.example.org.", Type.A), 1232, false));
    int question = 18 + 4;
    int expected = 12 + question + 49 * (2 + 10 + 4) + 11;
    assertEquals(expected, resp.length());
    assertEquals(49, resp.message().getSection(Section.ANSWER).size());
    int uncompressed = 12 + question + 49 * (18 + 10 + 4) + 11;
    assertTrue(resp.length() < uncompressed - 49 * 15);
    for (int i = 0, at = 12 + question; i < 49; i++, at += 16) {
      assertEquals(0xc00c, resp.u16(at), "record " + i + " is owned by a pointer to the question");
    }
  }

  /** Names in owner fields and in NS, CNAME, SOA and MX data compress at least as dnsjava does. */
  @ParameterizedTest
  @CsvSource({
    "example.org.,         NS",
    "example.org.,         MX",
    "example.org.,         SOA",
    "nope.example.org.,    A",
    "www.example.org.,     MX",
    "host.sub.example.org., A",
    "alias.example.org.,   A",
  })
  void compressesAsWellAsDnsjava(String name, String type) throws WireParseException {
    TestServer server = TestServer.of(TestServer.EXAMPLE_ORG);
    TestServer.Response resp = server.udp(edns(query(name, Type.value(type)), 1232, false));
    Message r = resp.message();
    int dnsjava = r.toWire().length;
    assertTrue(resp.length() <= dnsjava, resp.length() + " octets, dnsjava " + dnsjava);
    int uncompressed = 12;
    for (int section :
        new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      for (Record rec : r.getSection(section)) {
        uncompressed += rec.toWire(section).length;
      }
    }
    assertTrue(
        resp.length() < uncompressed, resp.length() + " octets, uncompressed " + uncompressed);
  }

  /**
   * The OPT record (which must be sent) has its room kept before the sections are filled; an NSID
   * that does not fit as well is left out rather than making the response longer than the requestor
   * can take (RFC 6891 section 6.2.5, RFC 1035 section 4.2.1).
   */
  @ParameterizedTest(name = "{0}, payload {1}, tcp {2}")
  @CsvSource({
    "nxdomain in zone, 512,  false",
    "refused,          512,  false",
    "nxdomain in zone, 600,  false",
    "refused,          600,  false",
    "nxdomain in zone, 512,  true",
    "refused,          512,  true",
  })
  void optWithNsidNeverExceedsTheLimit(String what, int payload, boolean tcp) {
    String identity = "i".repeat(255);
    TestServer server =
        TestServer.of(
            new ServerIdentity(identity, "v"),
            1232,
            TestServer.zone("example.org.", TestServer.EXAMPLE_ORG));
    String suffix = what.startsWith("refused") ? "example.com." : "example.org.";
    String name = nameOf255Octets(suffix);
    Message q = edns(query(name, Type.A), payload, false, new NSIDOption(new byte[0]));
    TestServer.Response resp = tcp ? server.tcp(q) : server.udp(q);
    Message r = resp.message();
    assertNotNull(r.getOPT(), "OPT is always answered to OPT");
    assertEquals(name, r.getQuestion().getName().toString());
    if (tcp) {
      assertEquals(1, r.getOPT().getOptions().size(), "over TCP there is room for NSID");
    } else {
      assertTrue(resp.length() <= payload, "length " + resp.length() + " > " + payload);
    }
  }

  /**
   * The data comes before the optional NSID: "many" with OPT is 829 octets, 1088 with a 255-octet
   * NSID. At 900 octets the answer goes out whole without NSID, at 1232 with it.
   */
  @ParameterizedTest(name = "payload {0}")
  @CsvSource({"900, false", "1087, false", "1088, true", "1232, true"})
  void nsidNeverTruncatesTheAnswer(int payload, boolean nsid) {
    TestServer server =
        TestServer.of(
            new ServerIdentity("i".repeat(255), "v"), 4096, TestServer.zone("example.org.", ZONE));
    TestServer.Response resp =
        server.udp(
            edns(query("many.example.org.", Type.A), payload, false, new NSIDOption(new byte[0])));
    Message r = resp.message();
    assertAll(
        () -> assertFalse(r.getHeader().getFlag(Flags.TC), "TC"),
        () -> assertEquals(49, r.getSection(Section.ANSWER).size()),
        () -> assertEquals(nsid ? 1 : 0, r.getOPT().getOptions().size(), "NSID"),
        () -> assertEquals(nsid ? 1088 : 829, resp.length()));
  }

  /** A name of exactly 255 octets in wire form ending in {@code suffix}. */
  static String nameOf255Octets(String suffix) {
    int room = 255 - (suffix.length() + 1); // wire form of the suffix is its text length + 1
    StringBuilder sb = new StringBuilder();
    while (room > 0) {
      int label = Math.min(63, room - 1);
      sb.append("a".repeat(label)).append('.');
      room -= label + 1;
    }
    String name = sb + suffix;
    assertEquals(255, Queries.name(name).length());
    return name;
  }

  @ParameterizedTest
  @ValueSource(strings = {"many", "big", "text"})
  void noEdnsNoOpt(String label) {
    Message r =
        SERVER
            .udp(query(label + ".example.org.", label.equals("text") ? Type.TXT : Type.A))
            .message();
    assertNull(r.getOPT());
  }
}
