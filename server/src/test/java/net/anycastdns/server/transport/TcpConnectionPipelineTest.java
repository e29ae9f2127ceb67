package net.anycastdns.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.anycastdns.server.Queries;
import net.anycastdns.server.TestServer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * The pipeline of a TCP connection, with time and arrival under the test's control. A TCP
 * connection with no query for the idle timeout is closed (RFC 7766 section 6.2.3), and one that
 * keeps asking is not, however long it lives. The connection's real pipeline runs in an {@link
 * EmbeddedChannel} whose clock the test moves: no sleeping, no timing margins.
 */
class TcpConnectionPipelineTest {
  private static final Duration IDLE = Duration.ofMillis(300);

  private static EmbeddedChannel connection() {
    return new EmbeddedTcpConnection(
        EmbeddedTcpConnection.pipeline(
            EmbeddedTcpConnection.settings(IDLE, 10, 10, 100, Duration.ofSeconds(5), 1 << 20),
            TestServer.of(TestServer.EXAMPLE_ORG).processor(),
            QueryObserver.NONE),
        new InetSocketAddress("192.0.2.7", 53_000));
  }

  @Test
  void aSilentConnectionIsClosedAfterTheTimeout() {
    EmbeddedChannel ch = connection();
    ch.advanceTimeBy(IDLE.toMillis() - 1, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertTrue(ch.isOpen(), "open just before the timeout");
    ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertFalse(ch.isOpen(), "closed at the timeout");
  }

  @Test
  void aConnectionThatKeepsAskingStaysOpen() {
    EmbeddedChannel ch = connection();
    for (int i = 0; i < 20; i++) {
      ch.advanceTimeBy(IDLE.toMillis() / 2, TimeUnit.MILLISECONDS);
      ch.runScheduledPendingTasks();
      assertTrue(ch.isOpen(), "open after " + (i + 1) * IDLE.toMillis() / 2 + " ms of queries");
      ch.writeInbound(framed(Queries.query("www.example.org.", Type.A).toWire()));
      ByteBuf answer = ch.readOutbound();
      assertNotNull(answer, "answered");
      answer.release();
    }
    ch.advanceTimeBy(IDLE.toMillis(), TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertFalse(ch.isOpen(), "closed once idle");
    assertEquals(0, ch.outboundMessages().size());
  }

  /**
   * RFC 7766 section 8: a message may arrive in any number of pieces; it is answered once whole.
   */
  @Test
  void aQueryArrivingInPiecesIsAnsweredOnceWhole() throws Exception {
    EmbeddedChannel ch = connection();
    ByteBuf whole = framed(Queries.withId(Queries.query("www.example.org.", Type.A), 7).toWire());
    while (whole.readableBytes() > 5) {
      ch.writeInbound(whole.readRetainedSlice(5));
      assertEquals(0, ch.outboundMessages().size(), "no answer to part of a query");
    }
    ch.writeInbound(whole);
    ByteBuf answer = ch.readOutbound();
    byte[] message = new byte[answer.readUnsignedShort()];
    answer.readBytes(message).release();
    assertEquals(7, new Message(message).getHeader().getID());
  }

  private static ByteBuf framed(byte[] query) {
    return Unpooled.buffer().writeShort(query.length).writeBytes(query);
  }
}
