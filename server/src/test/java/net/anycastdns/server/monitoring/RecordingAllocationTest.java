package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.anycastdns.server.TestServer;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;
import net.anycastdns.server.query.ResponseAssembler;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.query.ServingStateHolder;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import net.anycastdns.server.testing.Scrape;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Recording a query into the metrics allocates nothing once its meters exist. */
class RecordingAllocationTest {
  private static final int QUERIES = 100_000;

  @Test
  void recordingDoesNotAllocate() {
    ServingStateHolder holder =
        TestServer.serving(TestServer.zone("example.test.", ExampleZones.exampleTest(7)));
    try (ServerMetrics metrics = new ServerMetrics("alloc", "")) {
      metrics.zones(holder.current().zones());
      QueryProcessor processor =
          new QueryProcessor(
              holder, new ResponseAssembler(new ServerIdentity("alloc", null), 1232));
      QueryWorkspace ws = new QueryWorkspace();
      byte[] query = RunningServer.query("www.example.test.", Type.A).toWire();
      System.arraycopy(query, 0, ws.request(), 0, query.length);
      int length = processor.process(ws, query.length, false, InetAddress.getLoopbackAddress());
      assertEquals(0, ws.zoneIndex());
      InetSocketAddress client = new InetSocketAddress("192.0.2.7", 53_000);
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

      // Registers the meters of this kind of query and lets the JIT compile the path.
      for (int i = 0; i < QUERIES; i++) {
        metrics.handled(ws, i % 2 == 0, client, length, 40_000 + i);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < QUERIES; i++) {
        metrics.handled(ws, i % 2 == 0, client, length, 40_000 + i);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;

      // One object per query would be at least 16 bytes each; allow for the measuring itself.
      assertTrue(allocated < 4_096, allocated + " bytes for " + QUERIES + " queries");
      assertEquals(2 * QUERIES, Scrape.parse(metrics.scrape()).value("dns_queries_total"));
    }
  }
}
