package net.anycastdns.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;

/**
 * Answers UDP queries. Responses are written as they are made and flushed once per read batch, so
 * the epoll transport can send them with one system call.
 */
@Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private final QueryProcessor processor;
  private final QueryObserver observer;

  UdpQueryHandler(QueryProcessor processor, QueryObserver observer) {
    this.processor = processor;
    this.observer = observer;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    long start = System.nanoTime();
    ByteBuf content = packet.content();
    int length = content.readableBytes();
    QueryWorkspace ws = Workspaces.get();
    content.getBytes(content.readerIndex(), ws.request(), 0, length);
    int n = processor.process(ws, length, false, packet.sender().getAddress());
    if (n < 0) {
      observer.handled(ws, false, packet.sender(), n, System.nanoTime() - start);
      return;
    }
    // When the socket cannot take more, the answer is dropped as the kernel would drop it,
    // rather than queued without bound.
    if (!ctx.channel().isWritable()) {
      observer.dropped(false);
      return;
    }
    ByteBuf out = ctx.alloc().ioBuffer(n).writeBytes(ws.response(), 0, n);
    ctx.write(new DatagramPacket(out, packet.sender()), ctx.voidPromise());
    observer.handled(ws, false, packet.sender(), n, System.nanoTime() - start);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A UDP socket error (an ICMP unreachable reported back, say) concerns one client only.
  }
}
