package net.anycastdns.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.anycastdns.common.IpLiterals;
import net.anycastdns.common.IpPrefix;
import net.anycastdns.server.Queries;
import net.anycastdns.server.TestServer;
import net.anycastdns.server.config.RrlConfig;
import net.anycastdns.server.cookies.CookieSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The rate-limit stage on the query path, with the clock in the test's hands: which responses share
 * a bucket (kind, name, netblock), what a limited response becomes (dropped, truncated, BADCOOKIE)
 * as the slip says, and who is never limited (TCP, exempt networks, valid cookies).
 */
class ResponseRateLimitTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final QueryWorkspace ws = new QueryWorkspace();

  /**
   * With a rate of 1, the first response takes the bucket's one token: the second is answered only
   * when it has a bucket of its own.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      one name and type             | www.example.org. A    | 192.0.2.1 | www.example.org. A    | 192.0.2.1   | true
      the name in another case      | www.example.org. A    | 192.0.2.1 | WWW.example.ORG. A    | 192.0.2.1   | true
      another type                  | www.example.org. A    | 192.0.2.1 | www.example.org. AAAA | 192.0.2.1   | false
      another name                  | www.example.org. A    | 192.0.2.1 | mail.example.org. A   | 192.0.2.1   | false
      NXDOMAIN: the zone            | nope.example.org. A   | 192.0.2.1 | other.example.org. TXT | 192.0.2.1  | true
      NODATA: the zone              | www.example.org. MX   | 192.0.2.1 | mail.example.org. TXT | 192.0.2.1   | true
      NODATA is not NXDOMAIN        | www.example.org. MX   | 192.0.2.1 | nope.example.org. A   | 192.0.2.1   | false
      a referral: the delegation    | a.sub.example.org. A  | 192.0.2.1 | b.sub.example.org. MX | 192.0.2.1   | true
      errors outside every zone     | www.example.com. A    | 192.0.2.1 | www.example.net. A    | 192.0.2.1   | true
      an error is not an answer     | www.example.com. A    | 192.0.2.1 | www.example.org. A    | 192.0.2.1   | false
      one IPv4 /24                  | www.example.org. A    | 192.0.2.1 | www.example.org. A    | 192.0.2.254 | true
      another /24                   | www.example.org. A    | 192.0.2.1 | www.example.org. A    | 192.0.3.1   | false
      one IPv6 /56                  | www.example.org. A    | 2001:db8::1 | www.example.org. A  | 2001:db8:0:ff::1 | true
      another /56                   | www.example.org. A    | 2001:db8::1 | www.example.org. A  | 2001:db8:0:100::1 | false
      IPv4 and IPv6                 | www.example.org. A    | 192.0.2.1 | www.example.org. A    | ::ffff:c000:201 | false
      """)
  void sharedBuckets(
      String what, String first, String from, String second, String from2, boolean shared)
      throws Exception {
    QueryProcessor p = processor(config(1, 0, List.of()));
    assertNotNull(udp(p, query(first), from), "the first is answered");
    assertEquals(!shared, udp(p, query(second), from2) != null, what);
  }

  @Test
  void slipTwoTruncatesEverySecondLimitedResponseAndDropsTheOthers() throws Exception {
    QueryProcessor p = processor(config(2, 2, List.of()));
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Message r = udp(p, Queries.edns(query("www.example.org. A"), 1232, false), "192.0.2.1");
      got.add(r == null ? "dropped" : r.getHeader().getFlag(Flags.TC) ? "TC" : "answer");
      if (r != null && r.getHeader().getFlag(Flags.TC)) {
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getHeader().getFlag(Flags.AA), "the header of the answer it stands for");
        assertEquals(1, r.getHeader().getCount(Section.QUESTION));
        assertEquals(0, r.getSection(Section.ANSWER).size(), "no records");
        assertNotNull(r.getOPT(), "OPT, as the query had");
        assertEquals(ResponseRateLimit.TRUNCATED, ws.rrl());
      }
    }
    assertEquals(
        List.of("answer", "answer", "dropped", "TC", "dropped", "TC", "dropped", "TC"), got);
  }

  @ParameterizedTest(name = "slip {0}")
  @CsvSource({"1, 6, 0", "0, 0, 6"})
  void slipOneTruncatesAllAndZeroDropsAll(int slip, int truncated, int dropped) throws Exception {
    QueryProcessor p = processor(config(1, slip, List.of()));
    udp(p, query("nope.example.org. A"), "192.0.2.1");
    int tc = 0;
    int none = 0;
    for (int i = 0; i < 6; i++) {
      Message r = udp(p, query("nope" + i + ".example.org. A"), "192.0.2.1");
      if (r == null) {
        none++;
      } else {
        assertTrue(r.getHeader().getFlag(Flags.TC));
        assertEquals(Rcode.NXDOMAIN, r.getRcode(), "the rcode of the answer it stands for");
        assertEquals(0, r.getSection(Section.AUTHORITY).size(), "no SOA");
        tc++;
      }
    }
    assertEquals(truncated, tc);
    assertEquals(dropped, none);
  }

  @Test
  void theBucketFillsAgainWithTime() throws Exception {
    QueryProcessor p = processor(config(2, 0, List.of()));
    for (int i = 0; i < 2; i++) {
      assertNotNull(udp(p, query("www.example.org. A"), "192.0.2.1"));
    }
    assertEquals(null, udp(p, query("www.example.org. A"), "192.0.2.1"));
    nanos.addAndGet(1_000_000_000L); // a second: two tokens, one of them owed
    assertNotNull(udp(p, query("www.example.org. A"), "192.0.2.1"));
    assertEquals(null, udp(p, query("www.example.org. A"), "192.0.2.1"));
  }

  @Test
  void tcpIsNeverLimited() throws Exception {
    QueryProcessor p = processor(config(1, 0, List.of()));
    for (int i = 0; i < 20; i++) {
      byte[] wire = query("www.example.org. A").toWire();
      System.arraycopy(wire, 0, ws.request(), 0, wire.length);
      assertTrue(p.process(ws, wire.length, true, address("192.0.2.1")) > 0);
    }
  }

  @Test
  void exemptNetworksAreNeverLimited() throws Exception {
    QueryProcessor p = processor(config(1, 0, List.of(IpPrefix.parse("192.0.2.0/25"))));
    for (int i = 0; i < 20; i++) {
      assertNotNull(udp(p, query("www.example.org. A"), "192.0.2.100"));
    }
    udp(p, query("www.example.org. A"), "192.0.2.200");
    assertEquals(null, udp(p, query("www.example.org. A"), "192.0.2.200"), "the same /24");
  }

  /**
   * A limited client that sent a cookie slips as BADCOOKIE with a server cookie (RFC 7873 section
   * 5.2.3), and once it sends that cookie back, it is never limited: its address is proven.
   */
  @Test
  void aValidCookieIsNeverLimitedAndBadcookieTeachesIt() throws Exception {
    QueryProcessor p = processor(config(1, 1, List.of()));
    udp(p, query("www.example.org. A"), "192.0.2.1"); // a flood from the /24 took the token
    byte[] client = {1, 2, 3, 4, 5, 6, 7, 8};
    Message r = udp(p, withCookie(client), "192.0.2.7");
    assertEquals(Rcode.BADCOOKIE, r.getRcode());
    assertEquals(ResponseRateLimit.BADCOOKIE, ws.rrl());
    assertFalse(r.getHeader().getFlag(Flags.TC));
    CookieOption c = (CookieOption) r.getOPT().getOptions(EDNSOption.Code.COOKIE).get(0);
    byte[] full = new byte[24];
    System.arraycopy(client, 0, full, 0, 8);
    System.arraycopy(c.getServerCookie().orElseThrow(), 0, full, 8, 16);
    for (int i = 0; i < 20; i++) {
      Message answer = udp(p, withCookie(full), "192.0.2.7");
      assertEquals(Rcode.NOERROR, answer.getRcode());
      assertEquals(1, answer.getSection(Section.ANSWER).size());
    }
    assertTrue(
        udp(p, query("www.example.org. A"), "192.0.2.7").getHeader().getFlag(Flags.TC),
        "without it: limited, and slipped (TC) for want of a cookie");
  }

  private Message withCookie(byte[] cookie) {
    return Queries.edns(
        query("www.example.org. A"),
        1232,
        false,
        new GenericEDNSOption(EDNSOption.Code.COOKIE, cookie));
  }

  private QueryProcessor processor(RrlConfig config) {
    return new QueryProcessor(
        TestServer.serving(TestServer.zone("example.org.", TestServer.EXAMPLE_ORG)),
        new ResponseAssembler(new ServerIdentity("test", "test"), 1232),
        List.of(new CookieCheck(CookieSecrets.random(), () -> 1_700_000_000L)),
        new ResponseRateLimit(config, nanos::get));
  }

  private static RrlConfig config(int rate, int slip, List<IpPrefix> exempt) {
    return new RrlConfig(rate, slip, Duration.ofSeconds(15), 24, 56, exempt);
  }

  /** The response to {@code query} over UDP from {@code client}, or null when it was dropped. */
  private Message udp(QueryProcessor p, Message query, String client) throws Exception {
    byte[] wire = query.toWire();
    System.arraycopy(wire, 0, ws.request(), 0, wire.length);
    int n = p.process(ws, wire.length, false, address(client));
    return n < 0 ? null : new Message(Arrays.copyOf(ws.response(), n));
  }

  /** {@code "NAME TYPE"}. */
  private static Message query(String nameAndType) {
    String[] parts = nameAndType.split(" ");
    return Queries.query(parts[0], Type.value(parts[1]));
  }

  private static InetAddress address(String ip) {
    return IpLiterals.toInetAddress(IpLiterals.parse(ip));
  }
}
