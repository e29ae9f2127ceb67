package net.anycastdns.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.anycastdns.server.Queries;
import net.anycastdns.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A query that fails inside the server is answered SERVFAIL, counted, and logged with its
 * exception, at most one line per interval however many fail, each line saying how many more did.
 */
class InternalErrorsTest {
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(InternalErrors.class);

  @BeforeEach
  void capture() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
  }

  @Test
  void aFailingStageIsAnsweredServfailAndCounted() throws Exception {
    RequestCheck broken =
        (ws, tcp, client) -> {
          throw new IllegalStateException("a bug");
        };
    QueryProcessor processor =
        new QueryProcessor(
            TestServer.serving(TestServer.zone("example.org.", TestServer.EXAMPLE_ORG)),
            new ResponseAssembler(new ServerIdentity("t", null), 1232),
            List.of(broken));
    QueryWorkspace ws = new QueryWorkspace();
    byte[] q = Queries.query("www.example.org.", Type.A).toWire();
    System.arraycopy(q, 0, ws.request(), 0, q.length);

    int n = processor.process(ws, q.length, false, InetAddress.getLoopbackAddress());

    assertEquals(Rcode.SERVFAIL, new Message(java.util.Arrays.copyOf(ws.response(), n)).getRcode());
    assertEquals(1, processor.internalErrors());
    assertEquals(1, logged.list.size());
    assertEquals("a bug", logged.list.get(0).getThrowableProxy().getMessage());
  }

  @Test
  void oneLinePerIntervalSayingHowManyMore() {
    AtomicLong now = new AtomicLong(1_000_000_000_000L);
    InternalErrors errors = new InternalErrors(now::get);
    RuntimeException e = new IllegalStateException("a bug");
    errors.failed(e, 40);
    for (int i = 0; i < 99; i++) {
      now.addAndGet(1_000_000);
      errors.failed(e, 40);
    }
    assertEquals(1, logged.list.size(), "one line within the interval");
    now.addAndGet(InternalErrors.INTERVAL_NANOS);
    errors.failed(e, 40);
    assertEquals(2, logged.list.size());
    assertTrue(
        logged.list.get(1).getFormattedMessage().endsWith("; 99 more since the last such line"),
        logged.list.get(1).getFormattedMessage());
    assertEquals(101, errors.count());
  }
}
