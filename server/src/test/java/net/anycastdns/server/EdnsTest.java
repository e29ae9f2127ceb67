package net.anycastdns.server;

import static net.anycastdns.server.Queries.edns;
import static net.anycastdns.server.Queries.query;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** EDNS(0), RFC 6891, with DO (RFC 3225) and NSID (RFC 5001). */
class EdnsTest {
  private static final String ZONE =
      TestServer.EXAMPLE_ORG
          + """
      $GENERATE 1-20 twenty A 198.51.100.$
      $GENERATE 1-49 many   A 203.0.113.$
      """;
  private static final TestServer SERVER = TestServer.of(ZONE);

  /** Queries of every kind of outcome, so that OPT handling is checked on each path. */
  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of("answer", "www.example.org.", Type.A, DClass.IN, Rcode.NOERROR),
        Arguments.of("nxdomain", "nope.example.org.", Type.A, DClass.IN, Rcode.NXDOMAIN),
        Arguments.of("referral", "host.sub.example.org.", Type.A, DClass.IN, Rcode.NOERROR),
        Arguments.of("refused", "www.example.com.", Type.A, DClass.IN, Rcode.REFUSED),
        Arguments.of("chaos", "id.server.", Type.TXT, DClass.CH, Rcode.NOERROR),
        Arguments.of("chaos refused", "nope.bind.", Type.TXT, DClass.CH, Rcode.REFUSED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void optAbsentWhenNotAsked(String what, String name, int type, int dclass, int rcode) {
    Message r = SERVER.udp(query(name, type, dclass)).message();
    assertEquals(rcode, r.getRcode());
    assertNull(r.getOPT());
    assertEquals(
        0, r.getSection(Section.ADDITIONAL).stream().filter(x -> x.getType() == Type.OPT).count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void optAnsweredWithOurPayloadSize(String what, String name, int type, int dclass, int rcode) {
    Message r = SERVER.udp(edns(query(name, type, dclass), 4096, false)).message();
    OPTRecord opt = r.getOPT();
    assertNotNull(opt, "OPT in the response");
    assertAll(
        () -> assertEquals(rcode, r.getRcode()),
        () -> assertEquals(TestServer.MAX_UDP, opt.getPayloadSize(), "our payload size"),
        () -> assertEquals(0, opt.getVersion(), "version"),
        () -> assertEquals(0, opt.getExtendedRcode(), "extended rcode"),
        () ->
            assertTrue(opt.getName().isAbsolute() && opt.getName().labels() == 1, "owned by root"),
        () ->
            assertEquals(
                1,
                r.getSection(Section.ADDITIONAL).stream()
                    .filter(x -> x.getType() == Type.OPT)
                    .count(),
                "one OPT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void doBitEchoed(String what, String name, int type, int dclass, int rcode) {
    OPTRecord with = SERVER.udp(edns(query(name, type, dclass), 1232, true)).message().getOPT();
    OPTRecord without = SERVER.udp(edns(query(name, type, dclass), 1232, false)).message().getOPT();
    assertEquals(ExtendedFlags.DO, with.getFlags() & ExtendedFlags.DO);
    assertEquals(0, without.getFlags() & ExtendedFlags.DO);
  }

  /** RFC 6891 section 7: OPT in the request, OPT in the response, NOTIMP included. */
  @ParameterizedTest(name = "opcode {0}")
  @ValueSource(ints = {Opcode.IQUERY, Opcode.STATUS, Opcode.UPDATE, 15})
  void optAnsweredWithNotimp(int opcode) {
    Message q = edns(query("example.org.", Type.SOA), 1232, true, new NSIDOption(new byte[0]));
    q.getHeader().setOpcode(opcode);
    Message r = SERVER.udp(q).message();
    assertEquals(Rcode.NOTIMP, r.getRcode());
    assertEquals(opcode, r.getHeader().getOpcode());
    OPTRecord opt = r.getOPT();
    assertNotNull(opt, "OPT");
    assertEquals(TestServer.MAX_UDP, opt.getPayloadSize());
    assertEquals(ExtendedFlags.DO, opt.getFlags() & ExtendedFlags.DO);
    assertEquals(1, opt.getOptions(EDNSOption.Code.NSID).size());
    Message plain = query("example.org.", Type.SOA);
    plain.getHeader().setOpcode(opcode);
    assertNull(SERVER.udp(plain).message().getOPT());
  }

  @ParameterizedTest(name = "version {0}")
  @ValueSource(ints = {1, 2, 255})
  void unknownVersionIsBadvers(int version) {
    TestServer.Response resp =
        SERVER.udp(edns(query("www.example.org.", Type.A), 1232, version, true));
    Message r = resp.message();
    OPTRecord opt = r.getOPT();
    assertNotNull(opt, "BADVERS comes with OPT");
    assertAll(
        () -> assertEquals(Rcode.BADVERS, r.getRcode(), "rcode 16"),
        () -> assertEquals(1, opt.getExtendedRcode(), "upper eight bits in OPT"),
        () -> assertEquals(0, r.getHeader().getRcode(), "lower four bits in the header"),
        () -> assertEquals(0, opt.getVersion(), "the version we speak"),
        () -> assertEquals(TestServer.MAX_UDP, opt.getPayloadSize()),
        () -> assertEquals(0, r.getSection(Section.ANSWER).size(), "no answer"),
        () -> assertEquals(0, r.getSection(Section.AUTHORITY).size(), "no authority"),
        () -> assertFalse(r.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertTrue(r.getHeader().getFlag(Flags.QR), "QR"),
        () -> assertEquals("www.example.org.", r.getQuestion().getName().toString()));
  }

  @Test
  void unknownOptionNotEchoed() {
    Message r =
        SERVER
            .udp(
                edns(
                    query("www.example.org.", Type.A),
                    1232,
                    false,
                    new GenericEDNSOption(65001, new byte[] {1, 2, 3, 4})))
            .message();
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertEquals(List.of(), r.getOPT().getOptions());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void nsidAnsweredWithTheIdentity(String what, String name, int type, int dclass, int rcode) {
    Message r =
        SERVER
            .udp(
                edns(
                    query(name, type, dclass),
                    1232,
                    false,
                    new GenericEDNSOption(65001, new byte[] {9}),
                    new NSIDOption(new byte[0])))
            .message();
    assertEquals(rcode, r.getRcode());
    List<EDNSOption> options = r.getOPT().getOptions();
    assertEquals(1, options.size(), options.toString());
    NSIDOption nsid = assertInstanceOf(NSIDOption.class, options.get(0));
    byte[] wire = nsid.toWire(); // code, length, data
    assertArrayEquals(
        TestServer.IDENTITY.getBytes(StandardCharsets.UTF_8),
        Arrays.copyOfRange(wire, 4, wire.length));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void noNsidWhenNotRequested(String what, String name, int type, int dclass, int rcode) {
    Message r = SERVER.udp(edns(query(name, type, dclass), 1232, false)).message();
    assertEquals(List.of(), r.getOPT().getOptions());
    assertEquals(List.of(), r.getOPT().getOptions(EDNSOption.Code.NSID));
  }

  @Test
  void nsidOnTcpToo() {
    Message r =
        SERVER
            .tcp(edns(query("www.example.org.", Type.A), 1232, false, new NSIDOption(new byte[0])))
            .message();
    assertEquals(1, r.getOPT().getOptions(EDNSOption.Code.NSID).size());
  }

  /**
   * RFC 6891 section 6.2.5: a payload size below 512 is treated as 512. "twenty" (about 370 octets)
   * fits in 512 and not in the size given; "many" (about 830) fits in neither.
   */
  @ParameterizedTest(name = "payload {0}, {1}")
  @CsvSource({
    "0,    twenty.example.org., false, 20",
    "1,    twenty.example.org., false, 20",
    "100,  twenty.example.org., false, 20",
    "511,  twenty.example.org., false, 20",
    "512,  twenty.example.org., false, 20",
    "0,    many.example.org.,   true,  0",
    "100,  many.example.org.,   true,  0",
    "512,  many.example.org.,   true,  0",
    "1232, many.example.org.,   false, 49",
  })
  void smallPayloadSizeTreatedAs512(int payload, String name, boolean tc, int answers) {
    TestServer.Response resp = SERVER.udp(edns(query(name, Type.A), payload, false));
    Message r = resp.message();
    if (!tc) {
      assertTrue(resp.length() > 100, "bigger than the smallest sizes asked for: " + resp.length());
    }
    assertTrue(resp.length() <= Math.max(512, payload), "length " + resp.length());
    assertEquals(tc, r.getHeader().getFlag(Flags.TC), "TC");
    assertEquals(answers, r.getSection(Section.ANSWER).size());
    assertNotNull(r.getOPT());
  }
}
