package net.anycastdns.server.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.anycastdns.server.Queries;
import net.anycastdns.server.TestServer;
import net.anycastdns.server.config.RrlConfig;
import net.anycastdns.server.cookies.CookieSecrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Type;

/**
 * The query path allocates nothing per query once warm: decoding, lookup and writing reuse the
 * thread's workspace, for answers, negative answers, CNAME chains, referrals, SVCB and HTTPS
 * answers with their additional data, with and without EDNS, over both transports; and with the
 * cookie stage and rate limiting on.
 */
class QueryPathAllocationTest {
  private static final int QUERIES = 50_000;
  private static final String ZONE =
      TestServer.EXAMPLE_ORG
          + """
          www      IN HTTPS 1 . alpn=h2
          svc      IN HTTPS 0 www
          """;

  @ParameterizedTest(name = "{0} {1} tcp={2} edns={3}")
  @CsvSource({
    "www.example.org.,    A,    false, false",
    "www.example.org.,    AAAA, false, true",
    "Www.Example.Org.,    A,    true,  true",
    "nope.example.org.,   A,    false, true",
    "www.example.org.,    MX,   false, true",
    "alias.example.org.,  A,    false, true",
    "host.sub.example.org., A,  false, true",
    "example.org.,        MX,   true,  false",
    "example.org.,        ANY,  true,  true",
    "www.example.com.,    A,    false, true",
    "www.example.org.,    HTTPS, false, true",
    "svc.example.org.,    HTTPS, true,  false",
  })
  void answeringAllocatesNothing(String name, String type, boolean tcp, boolean edns) {
    QueryProcessor processor = TestServer.of(ZONE).processor();
    var q = Queries.query(name, Type.value(type));
    byte[] query = (edns ? Queries.edns(q, 1232, false) : q).toWire();
    InetAddress client = InetAddress.getLoopbackAddress();
    assertAllocatesNothing(processor, query, tcp, client, client);
  }

  /**
   * With the cookie stage and rate limiting on, over UDP: responses within the limit and over it
   * (dropped, truncated, BADCOOKIE), with no cookie, a client cookie, and a valid server cookie.
   * Each query comes from a new address object, as every datagram does.
   */
  @ParameterizedTest(name = "{0} {1}, rate {2}, cookie {3}")
  @CsvSource({
    "www.example.org.,  A, 1000000, none",
    "www.example.org.,  A, 1000000, client",
    "www.example.org.,  A, 1000000, valid",
    "nope.example.org., A, 1000000, client",
    "www.example.com.,  A, 1000000, none",
    "www.example.org.,  A, 1,       none",
    "www.example.org.,  A, 1,       client",
    "www.example.org.,  A, 1,       valid",
  })
  void cookiesAndRateLimitingAllocateNothing(String name, String type, int rate, String cookie)
      throws Exception {
    QueryProcessor processor =
        new QueryProcessor(
            TestServer.serving(TestServer.zone("example.org.", TestServer.EXAMPLE_ORG)),
            new ResponseAssembler(new ServerIdentity("test", "test"), 1232),
            List.of(new CookieCheck(CookieSecrets.random(), () -> 1_700_000_000L)),
            new ResponseRateLimit(
                new RrlConfig(rate, 2, Duration.ofSeconds(15), 24, 56, List.of()),
                System::nanoTime));
    InetAddress one = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
    InetAddress other = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
    byte[] client = {1, 2, 3, 4, 5, 6, 7, 8};
    byte[] option = client;
    if (cookie.equals("valid")) {
      QueryWorkspace ws = new QueryWorkspace();
      byte[] first = withCookie(name, type, client);
      System.arraycopy(first, 0, ws.request(), 0, first.length);
      processor.process(ws, first.length, true, one);
      option = Arrays.copyOf(ws.query().responseCookie(), 24);
    }
    byte[] query =
        cookie.equals("none")
            ? Queries.edns(Queries.query(name, Type.value(type)), 1232, false).toWire()
            : withCookie(name, type, option);
    assertAllocatesNothing(processor, query, false, one, other);
  }

  private static byte[] withCookie(String name, String type, byte[] cookie) {
    return Queries.edns(
            Queries.query(name, Type.value(type)),
            1232,
            false,
            new GenericEDNSOption(EDNSOption.Code.COOKIE, cookie))
        .toWire();
  }

  /** Answers {@code query} from {@code one} and {@code other} in turn; fails if that allocates. */
  private static void assertAllocatesNothing(
      QueryProcessor processor, byte[] query, boolean tcp, InetAddress one, InetAddress other) {
    QueryWorkspace ws = new QueryWorkspace();
    System.arraycopy(query, 0, ws.request(), 0, query.length);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    // Lets the JIT compile the path (escape analysis decides what a warm path allocates).
    for (int i = 0; i < QUERIES; i++) {
      processor.process(ws, query.length, tcp, (i & 1) == 0 ? one : other);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < QUERIES; i++) {
      processor.process(ws, query.length, tcp, (i & 1) == 0 ? one : other);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    // One object per query would be at least 16 bytes each; allow for the measuring itself.
    assertTrue(allocated < 4_096, allocated + " bytes for " + QUERIES + " queries");
  }
}
