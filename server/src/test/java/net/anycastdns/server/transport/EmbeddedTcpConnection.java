package net.anycastdns.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.anycastdns.server.query.QueryProcessor;
import org.xbill.DNS.Message;

/**
 * One TCP connection's real pipeline ({@link TcpChannelInitializer}) in an {@link EmbeddedChannel}:
 * time frozen and moved by the test, and a client that reads its answers or not, as the test says.
 * While it does not read, answers stay in the connection's outbound buffer, as they would when the
 * client's receive window is closed.
 */
final class EmbeddedTcpConnection extends EmbeddedChannel {
  private final InetSocketAddress client;
  private boolean reading = true;

  /** Settings for a test's connections; the listen address and threads are not used. */
  static ServerSettings settings(
      Duration idle,
      int maxConnections,
      int maxPerClient,
      int maxInFlight,
      Duration slowReader,
      long bufferMemory) {
    return new ServerSettings(
        List.of(new InetSocketAddress(0)),
        1,
        idle,
        maxConnections,
        maxPerClient,
        maxInFlight,
        slowReader,
        bufferMemory);
  }

  /**
   * The pipeline of connections under {@code settings}, as the transport makes it: the connections
   * opened through one pipeline share its connection counts and memory budget.
   */
  static TcpChannelInitializer pipeline(
      ServerSettings settings, QueryProcessor processor, QueryObserver observer) {
    return new TcpChannelInitializer(
        settings,
        new TcpConnectionLimiter(
            settings.tcpMaxConnections(), settings.tcpMaxConnectionsPerClient(), observer),
        new TcpBufferBudget(settings.tcpBufferMemory()),
        processor,
        observer,
        TransferStarter.NONE);
  }

  /** Opens a connection from {@code client} through {@code pipeline}. */
  EmbeddedTcpConnection(TcpChannelInitializer pipeline, InetSocketAddress client) {
    this.client = client;
    freezeTime();
    pipeline().addLast(pipeline);
    // The channel was active before the pipeline was there: tell it, as a real accept would.
    pipeline().fireChannelActive();
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return client;
  }

  @Override
  protected void doWrite(ChannelOutboundBuffer in) throws Exception {
    if (reading) {
      super.doWrite(in);
    }
  }

  /** The client stops reading its answers. */
  void stopReading() {
    reading = false;
  }

  /** The client reads again: what waited is sent, and the connection told it may write more. */
  void startReading() {
    reading = true;
    flushOutbound();
    runPendingTasks();
  }

  /** Sends {@code query} framed (RFC 7766 section 8), in one piece. */
  void ask(Message query) {
    byte[] wire = query.toWire();
    writeInbound(Unpooled.buffer().writeShort(wire.length).writeBytes(wire));
    runPendingTasks();
  }

  /** The answers sent so far and not yet taken, parsed, in order. */
  List<Message> answers() throws Exception {
    List<Message> out = new ArrayList<>();
    for (ByteBuf b; (b = readOutbound()) != null; ) {
      byte[] message = new byte[b.readUnsignedShort()];
      b.readBytes(message).release();
      out.add(new Message(message));
    }
    return out;
  }

  /** Moves the clock on by {@code millis} and runs what became due. */
  void advance(long millis) {
    advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    runScheduledPendingTasks();
    runPendingTasks();
  }
}
