package net.anycastdns.server;

import static net.anycastdns.server.Queries.edns;
import static net.anycastdns.server.Queries.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.wire.Query;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Random and mutated packets, with a fixed seed: the processor never throws, answers every packet
 * that is not to be dropped with a message dnsjava can read, keeps to the size limits and never
 * falls back on SERVFAIL.
 */
class RandomPacketTest {
  private static final long SEED = 0x5eed_d15cL;
  private static final int PACKETS = 200_000;
  private static final int MAX_UDP = 1232;

  private static final String ZONE =
      TestServer.EXAMPLE_ORG
          + """
      *.wild   IN A     192.0.2.7
      *.wild   IN TXT   "wildcard"
      dn       IN DNAME example.net.
      loop     IN CNAME loop2
      loop2    IN CNAME loop
      srv      IN SRV   0 0 53 ns1
      $GENERATE 1-60 many A 203.0.113.$
      """;

  @Test
  void randomAndMutatedPacketsAreSafe() {
    // The longest identity, so that NSID competes for room with the answer.
    QueryProcessor processor =
        TestServer.processor(
            new ServerIdentity("fuzz-" + "x".repeat(250), "v1"),
            MAX_UDP,
            TestServer.zone("example.org.", ZONE));
    QueryWorkspace ws = new QueryWorkspace();
    QueryWorkspace again = new QueryWorkspace();
    List<byte[]> seeds = seeds();
    SplittableRandom rnd = new SplittableRandom(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();

    for (int i = 0; i < PACKETS; i++) {
      byte[] p = packet(rnd, seeds);
      boolean tcp = rnd.nextInt(4) == 0;
      int n = process(processor, ws, p, tcp);
      boolean shouldDrop = p.length < 12 || (p[2] & 0x80) != 0;
      if ((n < 0) != shouldDrop) {
        fail("dropped " + (n < 0) + ", expected " + shouldDrop + " for\n" + TestServer.hex(p));
      }
      if (n < 0) {
        outcomes.merge("dropped", 1, Integer::sum);
        continue;
      }
      if (n > QueryWorkspace.MAX_MESSAGE) {
        fail("response of " + n + " octets for\n" + TestServer.hex(p));
      }
      Query q = ws.query();
      int limit =
          tcp ? QueryWorkspace.MAX_MESSAGE : q.edns() ? Math.min(q.udpPayloadSize(), MAX_UDP) : 512;
      if (n > limit || (!tcp && n > 4096)) {
        fail("UDP response of " + n + " octets, limit " + limit + ", for\n" + TestServer.hex(p));
      }
      byte[] response = Arrays.copyOf(ws.response(), n);
      Message m;
      try {
        m = new Message(response);
      } catch (IOException e) {
        throw new AssertionError(
            "response does not parse ("
                + e
                + ") for\n"
                + TestServer.hex(p)
                + "\nresponse\n"
                + TestServer.hex(response),
            e);
      }
      if (!m.getHeader().getFlag(Flags.QR) || m.getHeader().getID() != u16(p, 0)) {
        fail("QR or ID wrong in\n" + m + "\nfor\n" + TestServer.hex(p));
      }
      outcomes.merge(Rcode.string(m.getRcode()), 1, Integer::sum);
      // No state leaks from one query to the next: another workspace, with another history,
      // answers the same.
      if (i % 8 == 0) {
        int n2 = process(processor, again, p, tcp);
        if (!Arrays.equals(response, Arrays.copyOf(again.response(), Math.max(n2, 0)))) {
          fail("a second workspace answers differently for\n" + TestServer.hex(p));
        }
      }
    }

    assertEquals(0, processor.internalErrors(), "SERVFAIL for an internal error");
    // The packets reached every outcome, so the checks above were not run on drops alone.
    for (String rcode :
        List.of("dropped", "NOERROR", "NXDOMAIN", "FORMERR", "NOTIMP", "REFUSED", "BADVERS")) {
      assertTrue(outcomes.getOrDefault(rcode, 0) > 100, rcode + " too rare: " + outcomes);
    }
  }

  private static int process(QueryProcessor processor, QueryWorkspace ws, byte[] p, boolean tcp) {
    System.arraycopy(p, 0, ws.request(), 0, p.length);
    try {
      return processor.process(ws, p.length, tcp, InetAddress.getLoopbackAddress());
    } catch (RuntimeException e) {
      throw new AssertionError("process threw for\n" + TestServer.hex(p), e);
    }
  }

  private static byte[] packet(SplittableRandom rnd, List<byte[]> seeds) {
    int kind = rnd.nextInt(10);
    if (kind == 0) {
      return bytes(rnd, rnd.nextInt(601));
    }
    if (kind == 1) {
      byte[] p = bytes(rnd, 12 + rnd.nextInt(40));
      p[2] &= 0x7f; // a query, so that it is parsed
      return p;
    }
    byte[] p = seeds.get(rnd.nextInt(seeds.size())).clone();
    p[0] = (byte) rnd.nextInt(256);
    p[1] = (byte) rnd.nextInt(256);
    if (kind == 2) {
      return p; // a well-formed query, to check the answers as well as the refusals
    }
    int mutations = 1 + rnd.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      p = mutate(rnd, p, seeds);
    }
    if (rnd.nextInt(4) != 0 && p.length > 2) {
      p[2] &= 0x7f;
    }
    return p;
  }

  private static byte[] mutate(SplittableRandom rnd, byte[] p, List<byte[]> seeds) {
    if (p.length == 0) {
      return bytes(rnd, rnd.nextInt(64));
    }
    switch (rnd.nextInt(9)) {
      case 0, 1 -> p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8)); // bit flip
      case 2 -> p[rnd.nextInt(p.length)] = (byte) rnd.nextInt(256);
      case 3 -> p = Arrays.copyOf(p, rnd.nextInt(p.length)); // truncation
      case 4 -> { // a random section count, small or any
        if (p.length >= 12) {
          int at = 4 + 2 * rnd.nextInt(4);
          int v = rnd.nextBoolean() ? rnd.nextInt(4) : rnd.nextInt(65536);
          p[at] = (byte) (v >>> 8);
          p[at + 1] = (byte) v;
        }
      }
      case 5 -> { // garbage appended
        byte[] tail = bytes(rnd, 1 + rnd.nextInt(20));
        byte[] q = Arrays.copyOf(p, p.length + tail.length);
        System.arraycopy(tail, 0, q, p.length, tail.length);
        p = q;
      }
      case 6 -> { // the tail of another query spliced in
        byte[] other = seeds.get(rnd.nextInt(seeds.size()));
        int cut = rnd.nextInt(p.length);
        int from = rnd.nextInt(other.length);
        byte[] q = Arrays.copyOf(p, cut + other.length - from);
        System.arraycopy(other, from, q, cut, other.length - from);
        p = q;
      }
      case 7 -> { // header flags: AA, TC, RD, RA, Z, AD, CD, rcode, and now and then the opcode
        if (p.length >= 4) {
          p[2] = (byte) (rnd.nextInt(256) & (rnd.nextInt(4) == 0 ? 0x7f : 0x07));
          p[3] = (byte) rnd.nextInt(256);
        }
      }
      default -> { // a compression pointer somewhere
        int at = rnd.nextInt(p.length);
        p[at] = (byte) (0xc0 | rnd.nextInt(64));
      }
    }
    return p;
  }

  private static byte[] bytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  private static int u16(byte[] p, int off) {
    return ((p[off] & 0xff) << 8) | (p[off + 1] & 0xff);
  }

  /** Well-formed queries of many shapes, to mutate. */
  private static List<byte[]> seeds() {
    String[] names = {
      "www.example.org.",
      "ALIAS.example.org.",
      "nope.example.org.",
      "example.org.",
      "host.sub.example.org.",
      "sub.example.org.",
      "many.example.org.",
      "a.b.wild.example.org.",
      "x.dn.example.org.",
      "loop.example.org.",
      "srv.example.org.",
      "www.example.com.",
      TruncationTest.nameOf255Octets("example.org."),
      "id.server.",
      "version.bind."
    };
    int[] types = {
      Type.A,
      Type.AAAA,
      Type.ANY,
      Type.TXT,
      Type.MX,
      Type.NS,
      Type.SOA,
      Type.SRV,
      Type.CNAME,
      Type.DNAME,
      Type.DS,
      Type.AXFR,
      Type.OPT,
      0,
      65535
    };
    List<byte[]> seeds = new ArrayList<>();
    for (String name : names) {
      for (int type : types) {
        int dclass = name.endsWith("server.") || name.endsWith("bind.") ? DClass.CH : DClass.IN;
        seeds.add(query(name, type, dclass).toWire());
        seeds.add(
            edns(query(name, type, dclass), 1232, true, new NSIDOption(new byte[0])).toWire());
        seeds.add(edns(query(name, type, dclass), 512, false).toWire());
        seeds.add(
            edns(query(name, type, dclass), 512, false, new NSIDOption(new byte[0])).toWire());
      }
    }
    EDNSOption[] options = {
      new GenericEDNSOption(65001, new byte[] {1, 2}),
      new NSIDOption(new byte[0]),
      new GenericEDNSOption(10, new byte[8])
    };
    for (int payload : new int[] {0, 100, 4096, 65535}) {
      seeds.add(edns(query("many.example.org.", Type.A), payload, false, options).toWire());
    }
    seeds.add(edns(query("www.example.org.", Type.A), 1232, 1, false).toWire());
    seeds.add(edns(query("www.example.org.", Type.A), 1232, 255, true, options).toWire());
    return seeds;
  }
}
