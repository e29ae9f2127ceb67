package net.anycastdns.server;

import static net.anycastdns.server.Queries.query;
import static net.anycastdns.server.Queries.withFlag;
import static net.anycastdns.server.Queries.withId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Header bits of responses (RFC 1035 section 4.1.1): QR, opcode, AA, TC, RD, RA, CD, ID. */
class HeaderFlagsTest {
  private static final TestServer SERVER = TestServer.of(TestServer.EXAMPLE_ORG);

  /** One query for each kind of outcome; the table the flag tests run over. */
  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of("answer", query("www.example.org.", Type.A), Rcode.NOERROR, true),
        Arguments.of(
            "answer after CNAME", query("alias.example.org.", Type.A), Rcode.NOERROR, true),
        Arguments.of("nodata", query("www.example.org.", Type.MX), Rcode.NOERROR, true),
        Arguments.of("nxdomain", query("nope.example.org.", Type.A), Rcode.NXDOMAIN, true),
        Arguments.of(
            "referral below cut", query("host.sub.example.org.", Type.A), Rcode.NOERROR, false),
        Arguments.of("referral at cut", query("sub.example.org.", Type.NS), Rcode.NOERROR, false),
        Arguments.of("refused: no zone", query("www.example.com.", Type.A), Rcode.REFUSED, false),
        Arguments.of("refused: AXFR", query("example.org.", Type.AXFR), Rcode.REFUSED, false),
        Arguments.of(
            "refused: class HS",
            query("www.example.org.", Type.A, DClass.HS),
            Rcode.REFUSED,
            false),
        Arguments.of(
            "chaos identity", query("id.server.", Type.TXT, DClass.CH), Rcode.NOERROR, true),
        Arguments.of(
            "chaos refused", query("authors.bind.", Type.TXT, DClass.CH), Rcode.REFUSED, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void aaOnlyOnAuthoritativeData(String what, Message q, int rcode, boolean aa) {
    Message r = SERVER.udp(q).message();
    assertAll(
        () -> assertEquals(rcode, r.getRcode(), "rcode"),
        () -> assertEquals(aa, r.getHeader().getFlag(Flags.AA), "AA"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void qrSetRaClearOpcodeQueryTcClear(String what, Message q, int rcode, boolean aa) {
    withFlag(q, Flags.RD); // asking for recursion must not get RA from an authoritative server
    Header h = SERVER.udp(q).message().getHeader();
    assertAll(
        () -> assertTrue(h.getFlag(Flags.QR), "QR"),
        () -> assertFalse(h.getFlag(Flags.RA), "RA"),
        () -> assertFalse(h.getFlag(Flags.TC), "TC"),
        () -> assertEquals(Opcode.QUERY, h.getOpcode(), "opcode"));
  }

  @ParameterizedTest(name = "RD {0}, CD {1}, {2}")
  @CsvSource({
    "false, false, www.example.org.",
    "true,  false, www.example.org.",
    "false, true,  www.example.org.",
    "true,  true,  www.example.org.",
    "true,  true,  nope.example.org.",
    "true,  true,  host.sub.example.org.",
    "true,  true,  www.example.com.",
    "false, false, www.example.com.",
  })
  void rdAndCdCopied(boolean rd, boolean cd, String name) {
    Message q = query(name, Type.A);
    if (rd) {
      q.getHeader().setFlag(Flags.RD);
    }
    if (cd) {
      q.getHeader().setFlag(Flags.CD);
    }
    Header h = SERVER.udp(q).message().getHeader();
    assertAll(
        () -> assertEquals(rd, h.getFlag(Flags.RD), "RD"),
        () -> assertEquals(cd, h.getFlag(Flags.CD), "CD"),
        () -> assertFalse(h.getFlag(Flags.RA), "RA"),
        () -> assertFalse(h.getFlag(Flags.AD), "AD"));
  }

  /**
   * ISC's compliance tester ({@code genreport}, tests opcode and opcodeflg): to an opcode we do not
   * implement, NOTIMP with QR and the opcode, and none of the flags defined for QUERY alone,
   * however many the query set. NOTIFY (4) is implemented: see the transfer tests.
   */
  @ParameterizedTest(name = "opcode {0}")
  @ValueSource(ints = {1, 2, 3, 5, 6, 15})
  void notimpEchoesNoFlagOfQuery(int opcode) {
    Message q = query("www.example.org.", Type.SOA);
    q.getHeader().setOpcode(opcode);
    for (int flag : new int[] {Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
      q.getHeader().setFlag(flag);
    }
    byte[] wire = q.toWire();
    wire[3] |= 0x40; // Z
    byte[] r = SERVER.send(wire, false).wire();
    assertEquals(0x80 | (opcode << 3), r[2] & 0xff, "QR and the opcode; no AA, TC or RD");
    assertEquals(Rcode.NOTIMP, r[3] & 0xff, "no RA, Z, AD or CD; NOTIMP");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 0x00ff, 0x1234, 0x8000, 0xffff})
  void idEchoed(int id) {
    assertEquals(
        id,
        SERVER.udp(withId(query("www.example.org.", Type.A), id)).message().getHeader().getID());
    assertEquals(
        id,
        SERVER.udp(withId(query("www.example.com.", Type.A), id)).message().getHeader().getID());
  }

  @ParameterizedTest
  @CsvSource({
    "WwW.ExAmPlE.oRg.,        NOERROR",
    "ALIAS.EXAMPLE.ORG.,      NOERROR",
    "NoPe.ExAmPlE.OrG.,       NXDOMAIN",
    "hOsT.SuB.eXaMpLe.OrG.,   NOERROR",
    "WwW.ExAmPlE.cOm.,        REFUSED",
  })
  void questionEchoedWithTheClientsLetterCase(String name, String rcode) {
    TestServer.Response resp = SERVER.udp(query(name, Type.A));
    Message r = resp.message();
    assertEquals(Rcode.value(rcode), r.getRcode());
    assertEquals(1, r.getHeader().getCount(Section.QUESTION));
    assertEquals(name, r.getQuestion().getName().toString());
    assertEquals(Type.A, r.getQuestion().getType());
    assertEquals(DClass.IN, r.getQuestion().getDClass());
    // Byte for byte: the question section is the client's.
    int qlen = name.length() + 1 + 4;
    assertArrayEquals(
        Arrays.copyOfRange(resp.request(), 12, 12 + qlen),
        Arrays.copyOfRange(resp.wire(), 12, 12 + qlen));
  }

  @ParameterizedTest
  @ValueSource(strings = {"WWW.EXAMPLE.ORG.", "www.example.org.", "wWw.eXaMpLe.OrG."})
  void caseDoesNotChangeTheAnswer(String name) {
    Message r = SERVER.udp(query(name, Type.A)).message();
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertTrue(r.getHeader().getFlag(Flags.AA));
    assertEquals(1, r.getSection(Section.ANSWER).size());
    assertEquals("192.0.2.1", r.getSection(Section.ANSWER).get(0).rdataToString());
  }
}
