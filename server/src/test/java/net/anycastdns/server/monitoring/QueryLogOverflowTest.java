package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;
import net.anycastdns.server.query.ResponseAssembler;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.query.ServingStateHolder;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * A query log whose writer cannot keep up drops lines and counts them; the query path never waits
 * for it.
 */
class QueryLogOverflowTest {
  private static final int CAPACITY = 8;

  @Test
  void dropsWhenFullInsteadOfBlocking() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    QueryLog log =
        new QueryLog(
            1,
            CAPACITY,
            line -> {
              written.add(line);
              writing.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    log.start();
    QueryWorkspace ws = new QueryWorkspace();
    byte[] query = RunningServer.query("www.example.test.", Type.A).toWire();
    System.arraycopy(query, 0, ws.request(), 0, query.length);
    int length =
        new QueryProcessor(
                new ServingStateHolder(),
                new ResponseAssembler(new ServerIdentity("log", null), 1232))
            .process(ws, query.length, false, InetAddress.getLoopbackAddress());
    InetSocketAddress client = new InetSocketAddress("192.0.2.7", 53_000);

    log.handled(ws, false, client, length, 1_000);
    // The writer now holds the first line and is stuck in the sink; the queue is empty.
    writing.await();
    for (int i = 0; i < 100; i++) {
      log.handled(ws, false, client, length, 1_000);
    }
    assertEquals(100 - CAPACITY, log.dropped());

    release.countDown();
    log.close();
    assertEquals(1 + CAPACITY, written.size());
  }
}
