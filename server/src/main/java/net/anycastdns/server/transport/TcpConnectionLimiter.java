package net.anycastdns.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a new TCP connection at once when there are too many (RFC 7766 section 6.2.2: guard
 * resources): more than {@code max} in all, or more than {@code maxPerClient} from one client. A
 * client is an IPv4 address, or an IPv6 /64, the smallest network a site is given: counting IPv6
 * clients by address would let one site open as many as it likes.
 */
@Sharable
final class TcpConnectionLimiter extends ChannelInboundHandlerAdapter {
  private final int max;
  private final int maxPerClient;
  private final QueryObserver observer;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<Client, Integer> perClient = new ConcurrentHashMap<>();

  TcpConnectionLimiter(int max, int maxPerClient, QueryObserver observer) {
    this.max = max;
    this.maxPerClient = maxPerClient;
    this.observer = observer;
  }

  /** Connections open now. */
  int open() {
    return open.get();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    // Both counts go up for every connection, and down again when it closes, whatever happened.
    int total = open.incrementAndGet();
    int fromClient = perClient.merge(client(ctx), 1, Integer::sum);
    if (total > max) {
      observer.tcpLimited(TcpLimit.MAX_CONNECTIONS);
      ctx.close();
    } else if (fromClient > maxPerClient) {
      observer.tcpLimited(TcpLimit.PER_CLIENT);
      ctx.close();
    } else {
      ctx.fireChannelActive();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    open.decrementAndGet();
    perClient.computeIfPresent(client(ctx), (c, n) -> n == 1 ? null : n - 1);
    ctx.fireChannelInactive();
  }

  private static Client client(ChannelHandlerContext ctx) {
    InetAddress a = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    byte[] octets = a.getAddress();
    long bits = 0;
    for (int i = 0; i < Math.min(8, octets.length); i++) {
      bits = (bits << 8) | (octets[i] & 0xff);
    }
    return new Client(a instanceof Inet4Address, bits);
  }

  /** An IPv4 address, or the leading 64 bits of an IPv6 one. */
  private record Client(boolean ipv4, long bits) {}
}
