package net.anycastdns.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.anycastdns.server.Queries;
import net.anycastdns.server.TestServer;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;
import net.anycastdns.server.query.ServerIdentity;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * The limits a TCP client meets (RFC 7766 section 6.2.2 lets a server guard its resources), on the
 * connection's real pipeline with the clock frozen: connections per client and in all; queries
 * waiting while the client does not read its answers; a client that does not read for the slow
 * reader timeout; the memory all connections share. And a client that reads its answers is never
 * held back, however many queries it pipelines.
 */
class TcpLimitsTest {
  private static final Duration IDLE = Duration.ofMinutes(10);
  private static final Duration SLOW_READER = Duration.ofSeconds(2);

  /** An answer of about 5 KB: a dozen fill the connection's 64 KiB of answers waiting. */
  private static final QueryProcessor PROCESSOR =
      TestServer.processor(
          new ServerIdentity("test", "test"),
          TestServer.MAX_UDP,
          TestServer.zone("example.org.", TestServer.EXAMPLE_ORG + bigTxt()));

  private final List<TcpLimit> limited = new ArrayList<>();
  private final QueryObserver observer =
      new QueryObserver() {
        @Override
        public void handled(
            QueryWorkspace ws, boolean tcp, SocketAddress client, int length, long nanos) {}

        @Override
        public void tcpLimited(TcpLimit limit) {
          limited.add(limit);
        }
      };

  @Test
  void aClientThatReadsIsNeverHeldBack() throws Exception {
    EmbeddedTcpConnection c =
        new EmbeddedTcpConnection(pipeline(10, 10, 2, 64 << 10), client("192.0.2.7"));
    // 200 queries for 5 KB answers, pipelined in one read: 1 MB of answers, 64 KiB at a time.
    ByteBuf burst = Unpooled.buffer();
    for (int i = 0; i < 200; i++) {
      byte[] q = Queries.withId(Queries.query("big.example.org.", Type.TXT), i).toWire();
      burst.writeShort(q.length).writeBytes(q);
    }
    c.writeInbound(burst);
    c.runPendingTasks();
    List<Message> answers = c.answers();
    assertEquals(200, answers.size());
    for (int i = 0; i < 200; i++) {
      assertEquals(i, answers.get(i).getHeader().getID(), "answered in order");
    }
    assertTrue(c.isOpen());
    assertEquals(List.of(), limited);
  }

  @Test
  void queriesWaitWhileTheClientDoesNotReadAndAreAnsweredInOrderWhenItDoes() throws Exception {
    EmbeddedTcpConnection c =
        new EmbeddedTcpConnection(pipeline(10, 10, 100, 64 << 20), client("192.0.2.7"));
    c.stopReading();
    int asked = fill(c);
    for (int i = 0; i < 5; i++) {
      c.ask(Queries.withId(Queries.query("www.example.org.", Type.A), asked++));
    }
    assertFalse(c.isWritable());
    assertTrue(c.isOpen());
    c.startReading();
    List<Message> answers = c.answers();
    assertEquals(asked, answers.size(), "every query answered once the client reads");
    for (int i = 0; i < asked; i++) {
      assertEquals(i, answers.get(i).getHeader().getID(), "answered in order");
    }
    assertEquals(List.of(), limited);
  }

  @Test
  void moreQueriesWaitingThanTheLimitCloseTheConnection() {
    EmbeddedTcpConnection c =
        new EmbeddedTcpConnection(pipeline(10, 10, 3, 64 << 20), client("192.0.2.7"));
    c.stopReading();
    fill(c);
    for (int i = 0; i < 3; i++) {
      c.ask(Queries.query("www.example.org.", Type.A));
    }
    assertTrue(c.isOpen(), "three waiting: the limit");
    c.ask(Queries.query("www.example.org.", Type.A));
    assertFalse(c.isOpen(), "a fourth: closed");
    assertEquals(List.of(TcpLimit.IN_FLIGHT), limited);
  }

  @Test
  void aClientThatDoesNotReadForTheTimeoutIsClosed() {
    EmbeddedTcpConnection c = notReading();
    c.advance(SLOW_READER.toMillis() - 1);
    assertTrue(c.isOpen(), "open just before the timeout");
    c.advance(1);
    assertFalse(c.isOpen(), "closed at the timeout");
    assertEquals(List.of(TcpLimit.SLOW_READER), limited);
  }

  @Test
  void aClientThatReadsAgainInTimeKeepsItsConnection() {
    EmbeddedTcpConnection c = notReading();
    c.advance(SLOW_READER.toMillis() - 1);
    c.startReading();
    c.advance(SLOW_READER.toMillis() * 3);
    assertTrue(c.isOpen());
    assertEquals(List.of(), limited);
  }

  @Test
  void theMemoryOfAllConnectionsIsBounded() {
    TcpBufferBudget budget = new TcpBufferBudget(100 << 10);
    TcpChannelInitializer pipeline =
        new TcpChannelInitializer(
            settings(10, 10, 100, 100 << 10),
            new TcpConnectionLimiter(10, 10, observer),
            budget,
            PROCESSOR,
            observer,
            TransferStarter.NONE);
    EmbeddedTcpConnection first = new EmbeddedTcpConnection(pipeline, client("192.0.2.7"));
    EmbeddedTcpConnection second = new EmbeddedTcpConnection(pipeline, client("198.51.100.7"));
    first.stopReading();
    fill(first);
    long one = budget.held();
    assertTrue(one > 64 << 10, "the first holds its answers waiting: " + one);
    second.stopReading();
    for (int i = 0; i < 100 && second.isOpen(); i++) {
      second.ask(Queries.query("big.example.org.", Type.TXT));
    }
    assertFalse(second.isOpen(), "the second would take the total over 100 KiB: closed");
    assertTrue(first.isOpen(), "the first, within the budget, stays");
    assertEquals(List.of(TcpLimit.BUFFER_MEMORY), limited);
    assertEquals(one, budget.held(), "the second's memory is given back");
    first.close();
    assertEquals(0, budget.held(), "and the first's");
  }

  @Test
  void connectionsPerClient() {
    TcpChannelInitializer pipeline = pipeline(10, 2, 100, 64 << 20);
    List<EmbeddedTcpConnection> open = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      open.add(new EmbeddedTcpConnection(pipeline, client("192.0.2.7")));
    }
    EmbeddedTcpConnection third = new EmbeddedTcpConnection(pipeline, client("192.0.2.7"));
    assertFalse(third.isOpen(), "a third from 192.0.2.7: closed");
    assertTrue(new EmbeddedTcpConnection(pipeline, client("192.0.2.8")).isOpen(), "another");
    open.get(0).close();
    assertTrue(
        new EmbeddedTcpConnection(pipeline, client("192.0.2.7")).isOpen(), "one closed, one more");
    // An IPv6 client is its /64.
    assertTrue(new EmbeddedTcpConnection(pipeline, client("2001:db8::1")).isOpen());
    assertTrue(new EmbeddedTcpConnection(pipeline, client("2001:db8::2")).isOpen());
    assertFalse(new EmbeddedTcpConnection(pipeline, client("2001:db8::3")).isOpen());
    assertTrue(new EmbeddedTcpConnection(pipeline, client("2001:db8:0:1::1")).isOpen());
    assertEquals(List.of(TcpLimit.PER_CLIENT, TcpLimit.PER_CLIENT), limited);
    open.get(1).close();
  }

  @Test
  void connectionsInAll() {
    TcpChannelInitializer pipeline = pipeline(2, 10, 100, 64 << 20);
    assertTrue(new EmbeddedTcpConnection(pipeline, client("192.0.2.1")).isOpen());
    assertTrue(new EmbeddedTcpConnection(pipeline, client("192.0.2.2")).isOpen());
    assertFalse(new EmbeddedTcpConnection(pipeline, client("192.0.2.3")).isOpen());
    assertEquals(List.of(TcpLimit.MAX_CONNECTIONS), limited);
  }

  /** Twenty TXT records of 250 octets at {@code big}. */
  private static String bigTxt() {
    StringBuilder zone = new StringBuilder();
    for (char c = 'a'; c < 'a' + 20; c++) {
      zone.append("big IN TXT \"").append(String.valueOf(c).repeat(250)).append("\"\n");
    }
    return zone.toString();
  }

  /** A connection whose client stopped reading once it had asked for 64 KiB of answers. */
  private EmbeddedTcpConnection notReading() {
    EmbeddedTcpConnection c =
        new EmbeddedTcpConnection(pipeline(10, 10, 100, 64 << 20), client("192.0.2.7"));
    c.stopReading();
    fill(c);
    return c;
  }

  /**
   * Asks for big answers until the connection's answers waiting pass its high water mark; returns
   * how many were asked, with IDs from 0.
   */
  private static int fill(EmbeddedTcpConnection c) {
    int asked = 0;
    while (c.isWritable()) {
      assertTrue(asked < 100, "the connection never filled");
      c.ask(Queries.withId(Queries.query("big.example.org.", Type.TXT), asked++));
    }
    return asked;
  }

  private TcpChannelInitializer pipeline(
      int maxConnections, int perClient, int maxInFlight, long memory) {
    return EmbeddedTcpConnection.pipeline(
        settings(maxConnections, perClient, maxInFlight, memory), PROCESSOR, observer);
  }

  private static ServerSettings settings(
      int maxConnections, int perClient, int maxInFlight, long memory) {
    return EmbeddedTcpConnection.settings(
        IDLE, maxConnections, perClient, maxInFlight, SLOW_READER, memory);
  }

  private static InetSocketAddress client(String ip) {
    return new InetSocketAddress(ip, 53_000);
  }
}
