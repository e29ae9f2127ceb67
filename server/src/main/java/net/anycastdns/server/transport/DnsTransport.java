package net.anycastdns.server.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.anycastdns.common.HostPort;
import net.anycastdns.server.query.QueryProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds UDP and TCP on every listen address and runs the event loops. With epoll, each address gets
 * one UDP socket per thread through SO_REUSEPORT, so the kernel spreads queries over the threads as
 * Knot and NSD do; elsewhere one NIO socket per address.
 */
public final class DnsTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsTransport.class);
  private static final int UDP_RECEIVE_BUFFER = 4 << 20;

  /** Largest UDP query read; EDNS queries are far smaller than this in practice. */
  private static final int MAX_UDP_QUERY = 4096;

  /** With epoll, one recvmmsg call reads up to this many datagrams. */
  private static final int UDP_READ_BATCH = 16;

  private final ServerSettings settings;
  private final QueryProcessor processor;
  private final QueryObserver observer;
  private final TransferStarter transfers;
  private final boolean epoll = Epoll.isAvailable();
  private final List<Channel> channels = new ArrayList<>();
  private final List<InetSocketAddress> bound = new ArrayList<>();
  private TcpConnectionLimiter limiter;
  private TcpBufferBudget budget;
  private EventLoopGroup group;

  public DnsTransport(ServerSettings settings, QueryProcessor processor) {
    this(settings, processor, QueryObserver.NONE, TransferStarter.NONE);
  }

  /**
   * @param observer told about every packet handled, on the event-loop thread (metrics, logs)
   * @param transfers takes the zone transfers the query path lets through
   */
  public DnsTransport(
      ServerSettings settings,
      QueryProcessor processor,
      QueryObserver observer,
      TransferStarter transfers) {
    this.settings = settings;
    this.processor = processor;
    this.observer = observer;
    this.transfers = transfers;
  }

  /**
   * Binds every address. A listen address with port 0 gets an ephemeral port, the same for UDP and
   * TCP.
   *
   * @throws ListenException naming the address that could not be bound
   */
  public void start() throws ListenException {
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(settings.threads(), io);
    limiter =
        new TcpConnectionLimiter(
            settings.tcpMaxConnections(), settings.tcpMaxConnectionsPerClient(), observer);
    budget = new TcpBufferBudget(settings.tcpBufferMemory());
    try {
      for (InetSocketAddress address : settings.listen()) {
        InetSocketAddress actual = bindTcp(address);
        bindUdp(actual);
        bound.add(actual);
        log.info(
            "listening on {} (udp, tcp{})", HostPort.format(actual), epoll ? ", epoll" : ", nio");
      }
    } catch (ListenException e) {
      close();
      throw e;
    }
  }

  /** Starts reading queries (and accepting TCP connections) on every socket bound. */
  public void resume() {
    for (Channel ch : channels) {
      ch.config().setAutoRead(true);
    }
  }

  /** The addresses bound, with the ports actually given. */
  public List<InetSocketAddress> boundAddresses() {
    return List.copyOf(bound);
  }

  /** TCP connections open now. */
  public int openTcpConnections() {
    return limiter == null ? 0 : limiter.open();
  }

  /** Octets TCP connections hold now in answers and queries waiting ({@code tcp-buffer-memory}). */
  public long tcpBufferedOctets() {
    return budget == null ? 0 : budget.held();
  }

  private InetSocketAddress bindTcp(InetSocketAddress address) throws ListenException {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new TcpChannelInitializer(
                    settings, limiter, budget, processor, observer, transfers));
    Channel ch = bind(b.bind(address), address, "tcp");
    ServerSocketChannel server = (ServerSocketChannel) ch;
    return new InetSocketAddress(address.getAddress(), server.localAddress().getPort());
  }

  private void bindUdp(InetSocketAddress address) throws ListenException {
    UdpQueryHandler handler = new UdpQueryHandler(processor, observer);
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
            .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_UDP_QUERY))
            .handler(handler);
    int sockets = 1;
    if (epoll) {
      // One socket per thread, and recvmmsg filling one buffer with several datagrams.
      b.option(EpollChannelOption.SO_REUSEPORT, true)
          .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_UDP_QUERY)
          .option(
              ChannelOption.RCVBUF_ALLOCATOR,
              new FixedRecvByteBufAllocator(MAX_UDP_QUERY * UDP_READ_BATCH));
      sockets = settings.threads();
    }
    for (int i = 0; i < sockets; i++) {
      bind(b.bind(address), address, "udp");
    }
  }

  private Channel bind(ChannelFuture f, InetSocketAddress address, String transport)
      throws ListenException {
    f.awaitUninterruptibly();
    if (!f.isSuccess()) {
      Throwable c = f.cause();
      throw new ListenException(
          "cannot listen on "
              + HostPort.format(address)
              + " ("
              + transport
              + "): "
              + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()));
    }
    channels.add(f.channel());
    return f.channel();
  }

  /** Blocks until the server is closed. */
  public void awaitClose() throws InterruptedException {
    for (Channel ch : channels) {
      ch.closeFuture().await();
    }
  }

  @Override
  public void close() {
    for (Channel ch : channels) {
      ch.close().awaitUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  /** An address could not be bound; the message is one line for the operator. */
  public static final class ListenException extends Exception {
    public ListenException(String message) {
      super(message);
    }
  }
}
