package net.anycastdns.server.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import net.anycastdns.server.Queries;
import net.anycastdns.server.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

/**
 * The query path allocates nothing per query once warm: decoding, lookup and writing reuse the
 * thread's workspace, for answers, negative answers, CNAME chains, referrals, SVCB and HTTPS
 * answers with their additional data, with and without EDNS, over both transports.
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
    QueryWorkspace ws = new QueryWorkspace();
    var q = Queries.query(name, Type.value(type));
    byte[] query = (edns ? Queries.edns(q, 1232, false) : q).toWire();
    System.arraycopy(query, 0, ws.request(), 0, query.length);
    InetAddress client = InetAddress.getLoopbackAddress();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    // Lets the JIT compile the path (escape analysis decides what a warm path allocates).
    for (int i = 0; i < QUERIES; i++) {
      processor.process(ws, query.length, tcp, client);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < QUERIES; i++) {
      processor.process(ws, query.length, tcp, client);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    // One object per query would be at least 16 bytes each; allow for the measuring itself.
    assertTrue(allocated < 4_096, allocated + " bytes for " + QUERIES + " queries");
  }
}
