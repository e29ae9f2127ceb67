package net.anycastdns.server.monitoring;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import net.anycastdns.common.HostPort;
import net.anycastdns.server.reload.SyncRequests;
import net.anycastdns.server.transport.DnsTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server for {@code /metrics}, {@code /health/live}, {@code /health/ready} and {@code POST
 * /sync}. It runs on its own one-thread event loop, so a scrape (which walks every meter and builds
 * the text) never takes time from the threads answering queries.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);

  /**
   * Requests are GETs without a body, or a POST /sync whose body is ignored but may be a webhook's
   * JSON (a git server's push event runs to tens of KiB); anything bigger is not a client of ours.
   */
  private static final int MAX_REQUEST = 1 << 20;

  /** Prometheus keeps its connection between scrapes (15 s to 1 min apart); others are closed. */
  private static final int IDLE_SECONDS = 300;

  private final InetSocketAddress address;
  private final ServerMetrics metrics;
  private final Readiness readiness;
  private final SyncRequests sync;
  private EventLoopGroup group;
  private Channel channel;

  /**
   * @param sync what {@code POST /sync} asks for a sync
   */
  public HttpEndpoint(
      InetSocketAddress address, ServerMetrics metrics, Readiness readiness, SyncRequests sync) {
    this.address = address;
    this.metrics = metrics;
    this.readiness = readiness;
    this.sync = sync;
  }

  /**
   * Binds the address; port 0 gets an ephemeral port.
   *
   * @throws DnsTransport.ListenException naming the address that could not be bound
   */
  public void start() throws DnsTransport.ListenException {
    group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("http"), NioIoHandler.newFactory());
    MonitoringHttpHandler handler = new MonitoringHttpHandler(metrics, readiness, sync);
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpContentCompressor())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST))
                        .addLast(handler);
                  }
                });
    ChannelFuture f = b.bind(address).awaitUninterruptibly();
    if (!f.isSuccess()) {
      close();
      Throwable c = f.cause();
      throw new DnsTransport.ListenException(
          "cannot serve http on "
              + HostPort.format(address)
              + ": "
              + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()));
    }
    channel = f.channel();
    log.info(
        "http on {} (/metrics, /health/live, /health/ready, POST /sync)",
        HostPort.format(boundAddress()));
  }

  /** The address bound, with the port actually given. */
  public InetSocketAddress boundAddress() {
    int port = ((ServerSocketChannel) channel).localAddress().getPort();
    return new InetSocketAddress(address.getAddress(), port);
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().awaitUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }
}
