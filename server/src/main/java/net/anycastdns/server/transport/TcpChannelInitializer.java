package net.anycastdns.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.anycastdns.server.query.QueryProcessor;

/**
 * The pipeline of one TCP connection (RFC 7766): the connection cap, the idle timeout, the 2-octet
 * length framing, then the queries. One place, so that a test can run the same pipeline in an
 * {@link io.netty.channel.embedded.EmbeddedChannel}, with time under its control.
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {
  private final Duration idleTimeout;
  private final TcpConnectionLimiter limiter;
  private final QueryProcessor processor;
  private final QueryObserver observer;
  private final TransferStarter transfers;

  TcpChannelInitializer(
      Duration idleTimeout,
      TcpConnectionLimiter limiter,
      QueryProcessor processor,
      QueryObserver observer,
      TransferStarter transfers) {
    this.idleTimeout = idleTimeout;
    this.limiter = limiter;
    this.processor = processor;
    this.observer = observer;
    this.transfers = transfers;
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.pipeline()
        .addLast(limiter)
        .addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
        .addLast(new LengthFieldBasedFrameDecoder(65_535, 0, 2, 0, 2))
        .addLast(new TcpQueryHandler(processor, observer, transfers));
  }
}
