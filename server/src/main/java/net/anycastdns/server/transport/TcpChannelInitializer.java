package net.anycastdns.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import net.anycastdns.server.query.QueryProcessor;

/**
 * The pipeline of one TCP connection (RFC 7766): the connection caps, the idle timeout, the 2-octet
 * length framing, then the queries. One place, so that a test can run the same pipeline in an
 * {@link io.netty.channel.embedded.EmbeddedChannel}, with time under its control.
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {
  /**
   * Answers waiting for the client beyond this many octets make the connection stop reading (and
   * its next queries wait, {@link TcpQueryHandler}); it reads again below the low mark. Enough for
   * dozens of ordinary answers or one of the largest; the kernel's send buffer holds more.
   */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 << 10, 64 << 10);

  private final ServerSettings settings;
  private final TcpConnectionLimiter limiter;
  private final TcpBufferBudget budget;
  private final QueryProcessor processor;
  private final QueryObserver observer;
  private final TransferStarter transfers;

  TcpChannelInitializer(
      ServerSettings settings,
      TcpConnectionLimiter limiter,
      TcpBufferBudget budget,
      QueryProcessor processor,
      QueryObserver observer,
      TransferStarter transfers) {
    this.settings = settings;
    this.limiter = limiter;
    this.budget = budget;
    this.processor = processor;
    this.observer = observer;
    this.transfers = transfers;
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.config().setWriteBufferWaterMark(WATER_MARK);
    ch.pipeline()
        .addLast(limiter)
        .addLast(
            new IdleStateHandler(0, 0, settings.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .addLast(new LengthFieldBasedFrameDecoder(65_535, 0, 2, 0, 2))
        .addLast(
            new TcpQueryHandler(
                processor,
                observer,
                budget,
                settings.tcpMaxInFlight(),
                settings.tcpSlowReaderTimeout(),
                transfers));
  }
}
