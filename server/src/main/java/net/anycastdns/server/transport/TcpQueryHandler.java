package net.anycastdns.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;

/**
 * Answers DNS over TCP (RFC 7766): each frame (the length prefix already removed) is one query;
 * several may arrive on one connection, pipelined, and are answered in order. Idle connections are
 * closed; a client that does not read its answers stops being read from. A zone transfer is handed
 * to the transfer threads, and the connection reads nothing more until it is sent.
 */
final class TcpQueryHandler extends ChannelInboundHandlerAdapter {
  private final QueryProcessor processor;
  private final QueryObserver observer;
  private final TransferStarter transfers;
  private boolean transferring;

  TcpQueryHandler(QueryProcessor processor, QueryObserver observer, TransferStarter transfers) {
    this.processor = processor;
    this.observer = observer;
    this.transfers = transfers;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    long start = System.nanoTime();
    ByteBuf frame = (ByteBuf) msg;
    try {
      int length = frame.readableBytes();
      QueryWorkspace ws = Workspaces.get();
      frame.getBytes(frame.readerIndex(), ws.request(), 0, length);
      int n =
          processor.process(
              ws, length, true, ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
      if (n == QueryProcessor.TRANSFER) {
        transfer(ctx, ws);
        return;
      }
      if (n >= 0) {
        ByteBuf out = ctx.alloc().ioBuffer(n + 2);
        out.writeShort(n).writeBytes(ws.response(), 0, n);
        ctx.write(out, ctx.voidPromise());
      }
      observer.handled(ws, true, ctx.channel().remoteAddress(), n, System.nanoTime() - start);
    } finally {
      frame.release();
    }
  }

  private void transfer(ChannelHandlerContext ctx, QueryWorkspace ws) {
    transferring = true;
    ctx.channel().config().setAutoRead(false);
    ctx.flush(); // answers to queries before it go first
    Runnable done =
        () -> {
          transferring = false;
          ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        };
    if (!transfers.start(ws.transfer(), new ChannelTransferSink(ctx.channel(), done))) {
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable() && !transferring);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
