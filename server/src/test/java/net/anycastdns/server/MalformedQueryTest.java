package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Queries that are not well-formed, or not for us, built byte by byte: what is dropped, what is
 * FORMERR (RFC 1035 4.1.1, RFC 6891 6.1.1), NOTIMP or REFUSED, and what of the query comes back.
 */
class MalformedQueryTest {
  private static final TestServer SERVER = TestServer.of(TestServer.EXAMPLE_ORG);
  private static final int ID = 0xbeef;
  private static final int RD = 0x0100;
  private static final int QR = 0x8000;
  private static final int DROP = -1;

  /** What a response must be like: its rcode, whether the question comes back, OPT, opcode. */
  record Expect(int rcode, int qdcount, boolean opt, int opcode) {
    static Expect dropped() {
      return new Expect(DROP, 0, false, 0);
    }

    static Expect formerr(int qdcount) {
      return new Expect(Rcode.FORMERR, qdcount, false, 0);
    }
  }

  static Stream<Arguments> packets() {
    byte[] www = name("www", "example", "org");
    byte[] outside = name("www", "example", "com");
    return Stream.of(
        row(
            "well-formed control query",
            packet(0, 1, 0, 0, 0).add(www).u16(Type.A).u16(1),
            new Expect(Rcode.NOERROR, 1, false, 0)),
        row(
            "well-formed control query with OPT",
            packet(0, 1, 0, 0, 1).add(www).u16(Type.A).u16(1).add(opt(1232, 0, new byte[0])),
            new Expect(Rcode.NOERROR, 1, true, 0)),
        row("empty", new Packet(), Expect.dropped()),
        row("one octet", new Packet().add(new byte[] {0x12}), Expect.dropped()),
        row("11 octets", new Packet().add(new byte[11]), Expect.dropped()),
        row(
            "a response (QR set)",
            packet(QR, 1, 0, 0, 0).add(www).u16(Type.A).u16(1),
            Expect.dropped()),
        row("a response header only", packet(QR, 0, 0, 0, 0), Expect.dropped()),
        row(
            "a response with garbage",
            packet(QR | 0x7800, 9, 9, 9, 9).add(new byte[] {1, 2, 3}),
            Expect.dropped()),
        row("qdcount 0", packet(0, 0, 0, 0, 0), Expect.formerr(0)),
        row(
            "qdcount 0 with a question after it",
            packet(0, 0, 0, 0, 0).add(www).u16(Type.A).u16(1),
            Expect.formerr(0)),
        row(
            "qdcount 2",
            packet(0, 2, 0, 0, 0).add(www).u16(Type.A).u16(1).add(www).u16(Type.AAAA).u16(1),
            Expect.formerr(0)),
        row(
            "qdcount 65535",
            packet(0, 0xffff, 0, 0, 0).add(www).u16(Type.A).u16(1),
            Expect.formerr(0)),
        row("qdcount 1 and no question", packet(0, 1, 0, 0, 0), Expect.formerr(0)),
        row(
            "question cut inside a label",
            packet(0, 1, 0, 0, 0).add(Arrays.copyOf(www, 6)),
            Expect.formerr(0)),
        row(
            "question without the root label",
            packet(0, 1, 0, 0, 0).add(Arrays.copyOf(www, www.length - 1)),
            Expect.formerr(0)),
        row("question without type and class", packet(0, 1, 0, 0, 0).add(www), Expect.formerr(0)),
        row(
            "question without class",
            packet(0, 1, 0, 0, 0).add(www).u16(Type.A),
            Expect.formerr(0)),
        row(
            "question with half a class",
            packet(0, 1, 0, 0, 0).add(www).u16(Type.A).add(new byte[] {0}),
            Expect.formerr(0)),
        row(
            "compression pointer in the question",
            packet(0, 1, 0, 0, 0)
                .add(new byte[] {3, 'w', 'w', 'w', (byte) 0xc0, 12})
                .u16(Type.A)
                .u16(1),
            Expect.formerr(0)),
        row(
            "pointer loop in the question",
            packet(0, 1, 0, 0, 0).add(new byte[] {(byte) 0xc0, 12}).u16(Type.A).u16(1),
            Expect.formerr(0)),
        row(
            "pointer loop of two in the question",
            packet(0, 1, 0, 0, 0)
                .add(new byte[] {(byte) 0xc0, 14, (byte) 0xc0, 12})
                .u16(Type.A)
                .u16(1),
            Expect.formerr(0)),
        row(
            "label length 64",
            packet(0, 1, 0, 0, 0).add(label(64)).add(name("example", "org")).u16(Type.A).u16(1),
            Expect.formerr(0)),
        row(
            "extended label type 0x80",
            packet(0, 1, 0, 0, 0).add(new byte[] {(byte) 0x80, 1, 0}).u16(Type.A).u16(1),
            Expect.formerr(0)),
        row(
            "name of 256 octets",
            packet(0, 1, 0, 0, 0).add(longName(256)).u16(Type.A).u16(1),
            Expect.formerr(0)),
        row(
            "name of 321 octets",
            packet(0, 1, 0, 0, 0)
                .add(label(63))
                .add(label(63))
                .add(label(63))
                .add(label(63))
                .add(label(63))
                .add(new byte[] {0})
                .u16(Type.A)
                .u16(1),
            Expect.formerr(0)),
        row(
            "name of 255 octets is fine",
            packet(0, 1, 0, 0, 0).add(longName(255)).u16(Type.A).u16(1),
            new Expect(Rcode.REFUSED, 1, false, 0)),
        row(
            "two OPT records",
            packet(0, 1, 0, 0, 2)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(opt(1232, 0, new byte[0]))
                .add(opt(1232, 0, new byte[0])),
            Expect.formerr(1)),
        row(
            "OPT not owned by the root",
            packet(0, 1, 0, 0, 1)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(name("x"))
                .u16(Type.OPT)
                .u16(1232)
                .u16(0)
                .u16(0)
                .u16(0),
            Expect.formerr(1)),
        row(
            "OPT in the answer section",
            packet(0, 1, 1, 0, 0).add(www).u16(Type.A).u16(1).add(opt(1232, 0, new byte[0])),
            Expect.formerr(1)),
        row(
            "OPT in the authority section",
            packet(0, 1, 0, 1, 0).add(www).u16(Type.A).u16(1).add(opt(1232, 0, new byte[0])),
            Expect.formerr(1)),
        row(
            "OPT option length past the end",
            packet(0, 1, 0, 0, 1)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(opt(1232, 0, new byte[] {0, 3, 0, 9, 1, 2})),
            Expect.formerr(1)),
        row(
            "OPT option header cut",
            packet(0, 1, 0, 0, 1)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(opt(1232, 0, new byte[] {0, 3, 0})),
            Expect.formerr(1)),
        row(
            "OPT rdlength past the end",
            packet(0, 1, 0, 0, 1)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(new byte[] {0})
                .u16(Type.OPT)
                .u16(1232)
                .u16(0)
                .u16(0)
                .u16(20)
                .add(new byte[] {0, 3}),
            Expect.formerr(1)),
        row(
            "OPT cut in its fixed part",
            packet(0, 1, 0, 0, 1)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(new byte[] {0})
                .u16(Type.OPT)
                .u16(1232),
            Expect.formerr(1)),
        row(
            "arcount 1 and no record",
            packet(0, 1, 0, 0, 1).add(www).u16(Type.A).u16(1),
            Expect.formerr(1)),
        row(
            "ancount 65535 and no records",
            packet(0, 1, 0xffff, 0, 0).add(www).u16(Type.A).u16(1),
            Expect.formerr(1)),
        row(
            "trailing garbage after the question",
            packet(0, 1, 0, 0, 0).add(www).u16(Type.A).u16(1).add(new byte[] {0, 0, 0}),
            Expect.formerr(1)),
        row(
            "trailing garbage after OPT",
            packet(0, 1, 0, 0, 1)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(opt(1232, 0, new byte[0]))
                .add(new byte[] {1}),
            Expect.formerr(1)),
        row(
            "EDNS version 1 is BADVERS, not FORMERR",
            packet(0, 1, 0, 0, 1).add(www).u16(Type.A).u16(1).add(opt(1232, 1, new byte[0])),
            new Expect(Rcode.BADVERS, 1, true, 0)),
        row("qtype OPT", packet(0, 1, 0, 0, 0).add(www).u16(Type.OPT).u16(1), Expect.formerr(1)),
        row(
            "qtype OPT with OPT",
            packet(0, 1, 0, 0, 1).add(www).u16(Type.OPT).u16(1).add(opt(1232, 0, new byte[0])),
            Expect.formerr(1)),
        row(
            "opcode IQUERY",
            packet(1 << 11, 1, 0, 0, 0).add(www).u16(Type.A).u16(1),
            new Expect(Rcode.NOTIMP, 1, false, 1)),
        row(
            "opcode STATUS",
            packet(2 << 11, 1, 0, 0, 0).add(www).u16(Type.A).u16(1),
            new Expect(Rcode.NOTIMP, 1, false, 2)),
        row(
            "opcode STATUS without question",
            packet(2 << 11, 0, 0, 0, 0),
            new Expect(Rcode.NOTIMP, 0, false, 2)),
        row(
            "opcode NOTIFY for a zone served: we are its primary, no secondary (RFC 1996)",
            packet(4 << 11, 1, 0, 0, 0).add(name("example", "org")).u16(Type.SOA).u16(1),
            new Expect(Rcode.REFUSED, 1, false, 4)),
        row(
            "opcode UPDATE",
            packet(5 << 11, 1, 0, 0, 0).add(name("example", "org")).u16(Type.SOA).u16(1),
            new Expect(Rcode.NOTIMP, 1, false, 5)),
        row(
            "opcode 15",
            packet(15 << 11, 1, 0, 0, 0).add(www).u16(Type.A).u16(1),
            new Expect(Rcode.NOTIMP, 1, false, 15)),
        row(
            "opcode 15 with a broken question",
            packet(15 << 11, 1, 0, 0, 0).add(new byte[] {(byte) 0xc0, 12}),
            new Expect(Rcode.NOTIMP, 0, false, 15)),
        row(
            "opcode UPDATE with OPT",
            packet(5 << 11, 1, 0, 0, 1)
                .add(name("example", "org"))
                .u16(Type.SOA)
                .u16(1)
                .add(opt(1232, 0, new byte[0])),
            new Expect(Rcode.NOTIMP, 1, true, 5)),
        row(
            "opcode NOTIFY with an answer and OPT",
            packet(4 << 11, 1, 1, 0, 1)
                .add(name("example", "org"))
                .u16(Type.SOA)
                .u16(1)
                .add(new byte[] {(byte) 0xc0, 12})
                .u16(Type.A)
                .u16(1)
                .u16(0)
                .u16(60)
                .u16(4)
                .add(new byte[] {192 - 256, 0, 2, 1})
                .add(opt(1232, 0, new byte[0])),
            new Expect(Rcode.REFUSED, 1, true, 4)),
        row(
            "opcode STATUS without question with OPT",
            packet(2 << 11, 0, 0, 0, 1).add(opt(1232, 0, new byte[0])),
            new Expect(Rcode.NOTIMP, 0, true, 2)),
        row(
            "opcode 15 with two OPT records",
            packet(15 << 11, 1, 0, 0, 2)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(opt(1232, 0, new byte[0]))
                .add(opt(1232, 0, new byte[0])),
            new Expect(Rcode.NOTIMP, 1, false, 15)),
        row(
            "opcode 15 with OPT and trailing garbage",
            packet(15 << 11, 1, 0, 0, 1)
                .add(www)
                .u16(Type.A)
                .u16(1)
                .add(opt(1232, 0, new byte[0]))
                .add(new byte[] {7}),
            new Expect(Rcode.NOTIMP, 1, false, 15)),
        row(
            "opcode 15 with a broken question and OPT",
            packet(15 << 11, 1, 0, 0, 1)
                .add(new byte[] {(byte) 0xc0, 12})
                .add(opt(1232, 0, new byte[0])),
            new Expect(Rcode.NOTIMP, 0, false, 15)),
        row(
            "qdcount 0 with OPT",
            packet(0, 0, 0, 0, 1).add(opt(1232, 0, new byte[0])),
            Expect.formerr(0)),
        row(
            "qtype AXFR",
            packet(0, 1, 0, 0, 0).add(name("example", "org")).u16(Type.AXFR).u16(1),
            new Expect(Rcode.REFUSED, 1, false, 0)),
        row(
            "qtype IXFR",
            packet(0, 1, 0, 0, 0).add(name("example", "org")).u16(Type.IXFR).u16(1),
            new Expect(Rcode.REFUSED, 1, false, 0)),
        row(
            "qtype AXFR with OPT",
            packet(0, 1, 0, 0, 1)
                .add(name("example", "org"))
                .u16(Type.AXFR)
                .u16(1)
                .add(opt(1232, 0, new byte[0])),
            new Expect(Rcode.REFUSED, 1, true, 0)),
        row(
            "outside every zone",
            packet(0, 1, 0, 0, 0).add(outside).u16(Type.A).u16(1),
            new Expect(Rcode.REFUSED, 1, false, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void answeredAsTheRfcsSay(String what, byte[] packet, Expect expect) {
    TestServer.Response resp = SERVER.send(packet, false);
    if (expect.rcode() == DROP) {
      assertTrue(resp.dropped(), "dropped");
      return;
    }
    Message r = resp.message();
    assertAll(
        () -> assertEquals(expect.rcode(), r.getRcode(), "rcode " + Rcode.string(r.getRcode())),
        () -> assertEquals(ID, r.getHeader().getID(), "ID"),
        () -> assertTrue(r.getHeader().getFlag(Flags.QR), "QR"),
        // RD is defined for QUERY alone: another opcode's NOTIMP does not echo it.
        () -> assertEquals(expect.opcode() == 0, r.getHeader().getFlag(Flags.RD), "RD"),
        () -> assertEquals(expect.rcode() == Rcode.NOERROR, r.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertFalse(r.getHeader().getFlag(Flags.TC), "TC"),
        () -> assertEquals(expect.opcode(), r.getHeader().getOpcode(), "opcode"),
        () -> assertEquals(expect.qdcount(), r.getHeader().getCount(Section.QUESTION), "qdcount"),
        () -> assertEquals(expect.opt(), r.getOPT() != null, "OPT"));
    if (expect.rcode() != Rcode.NOERROR) {
      assertEquals(0, r.getHeader().getCount(Section.ANSWER), "no answer");
      assertEquals(0, r.getHeader().getCount(Section.AUTHORITY), "no authority");
    }
    if (expect.qdcount() == 1) {
      // The question comes back as the client sent it.
      int end = questionEnd(packet);
      assertArrayEquals(
          Arrays.copyOfRange(packet, 12, end), Arrays.copyOfRange(resp.wire(), 12, end));
    } else {
      assertEquals(12 + (expect.opt() ? 11 : 0), resp.length(), "header only");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void sameOverTcp(String what, byte[] packet, Expect expect) {
    TestServer.Response udp = SERVER.send(packet, false);
    TestServer.Response tcp = SERVER.send(packet, true);
    assertEquals(udp.dropped(), tcp.dropped());
    if (!udp.dropped()) {
      assertArrayEquals(udp.wire(), tcp.wire());
    }
    assertEquals(0, SERVER.processor().internalErrors());
  }

  private static int questionEnd(byte[] p) {
    int pos = 12;
    while (p[pos] != 0) {
      pos += 1 + p[pos];
    }
    return pos + 5;
  }

  private static Arguments row(String what, Packet p, Expect expect) {
    return Arguments.of(what, p.build(), expect);
  }

  /** A header with our ID, RD and the given flags and counts. */
  private static Packet packet(int flags, int qd, int an, int ns, int ar) {
    return new Packet().u16(ID).u16(flags | RD).u16(qd).u16(an).u16(ns).u16(ar);
  }

  private static byte[] name(String... labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String l : labels) {
      out.write(l.length());
      out.writeBytes(l.getBytes(StandardCharsets.US_ASCII));
    }
    out.write(0);
    return out.toByteArray();
  }

  /** One label of {@code n} octets (the length octet written as is, even above 63). */
  private static byte[] label(int n) {
    byte[] b = new byte[n + 1];
    b[0] = (byte) n;
    Arrays.fill(b, 1, b.length, (byte) 'a');
    return b;
  }

  /** A name of {@code octets} octets in wire form, outside every zone. */
  private static byte[] longName(int octets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int room = octets - 1;
    while (room > 0) {
      int n = Math.min(63, room - 1);
      out.writeBytes(label(n));
      room -= n + 1;
    }
    out.write(0);
    byte[] b = out.toByteArray();
    assertEquals(octets, b.length);
    return b;
  }

  /** An OPT record owned by the root with the given payload size, version and option data. */
  private static byte[] opt(int payload, int version, byte[] options) {
    return new Packet()
        .add(new byte[] {0})
        .u16(Type.OPT)
        .u16(payload)
        .add(new byte[] {0, (byte) version, 0, 0})
        .u16(options.length)
        .add(options)
        .build();
  }

  private static final class Packet {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Packet u16(int v) {
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Packet add(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    byte[] build() {
      return out.toByteArray();
    }
  }
}
