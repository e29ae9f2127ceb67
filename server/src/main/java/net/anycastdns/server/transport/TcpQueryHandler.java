package net.anycastdns.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;

/**
 * Answers DNS over TCP (RFC 7766): each frame (the length prefix already removed) is one query;
 * several may arrive on one connection, pipelined, and are answered in order. Idle connections are
 * closed.
 *
 * <p>A client that does not read its answers is held to a bound (RFC 7766 section 6.2.2 lets a
 * server guard its resources): once its answers waiting pass the high water mark, the connection
 * stops being read, and the queries already read wait unanswered, at most {@code maxInFlight} of
 * them (one more closes the connection); answers that wait {@code slowReaderTimeout} for the client
 * close it; and what it holds counts against the memory all connections share ({@link
 * TcpBufferBudget}). A client that reads keeps its connection, however many queries it pipelines.
 *
 * <p>A zone transfer is handed to the transfer threads; queries that come after it on the
 * connection wait, under the same bounds, until it is sent, and are then answered in order.
 */
final class TcpQueryHandler extends ChannelInboundHandlerAdapter {
  private final QueryProcessor processor;
  private final QueryObserver observer;
  private final TcpBufferBudget budget;
  private final int maxInFlight;
  private final long slowReaderNanos;
  private final TransferStarter transfers;
  private boolean transferring;

  /** Queries read while the client was not reading its answers, in order. */
  private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();

  private long waitingOctets;

  /** What this connection counts against the budget, as last told. */
  private long held;

  private ScheduledFuture<?> slowReader;

  TcpQueryHandler(
      QueryProcessor processor,
      QueryObserver observer,
      TcpBufferBudget budget,
      int maxInFlight,
      Duration slowReaderTimeout,
      TransferStarter transfers) {
    this.processor = processor;
    this.observer = observer;
    this.budget = budget;
    this.maxInFlight = maxInFlight;
    this.slowReaderNanos = slowReaderTimeout.toNanos();
    this.transfers = transfers;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    if (!ctx.channel().isOpen()) {
      frame.release(); // the rest of a batch read before the connection was closed
      return;
    }
    if (ctx.channel().isWritable() && waiting.isEmpty() && !transferring) {
      answer(ctx, frame);
      return;
    }
    if (waiting.size() == maxInFlight) {
      frame.release();
      close(ctx, TcpLimit.IN_FLIGHT);
      return;
    }
    waiting.add(frame);
    waitingOctets += frame.readableBytes();
  }

  private void answer(ChannelHandlerContext ctx, ByteBuf frame) {
    long start = System.nanoTime();
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
          resume(ctx);
        };
    if (!transfers.start(ws.transfer(), new ChannelTransferSink(ctx.channel(), done))) {
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
    account(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (!ctx.channel().isWritable()) {
      ctx.flush(); // the answers of this read batch so far: the kernel may take them all
    }
    if (ctx.channel().isWritable()) {
      if (slowReader != null) {
        slowReader.cancel(false);
        slowReader = null;
      }
      resume(ctx);
    } else {
      if (slowReader == null) {
        slowReader =
            ctx.executor()
                .schedule(
                    () -> {
                      if (!ctx.channel().isWritable()) {
                        close(ctx, TcpLimit.SLOW_READER);
                      }
                    },
                    slowReaderNanos,
                    TimeUnit.NANOSECONDS);
      }
      ctx.channel().config().setAutoRead(false);
      account(ctx);
    }
    ctx.fireChannelWritabilityChanged();
  }

  /**
   * The client reads again, or a transfer is over: the queries that waited are answered first, in
   * order, and the connection is read again once none waits.
   */
  private void resume(ChannelHandlerContext ctx) {
    while (ctx.channel().isWritable() && !transferring && !waiting.isEmpty()) {
      ByteBuf frame = waiting.poll();
      waitingOctets -= frame.readableBytes();
      answer(ctx, frame);
    }
    ctx.flush();
    ctx.channel()
        .config()
        .setAutoRead(ctx.channel().isWritable() && waiting.isEmpty() && !transferring);
    account(ctx);
  }

  /**
   * Tells the budget what this connection holds now; closes it when that makes the total go over
   * while its client is not reading.
   */
  private void account(ChannelHandlerContext ctx) {
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    long now = (out == null ? 0 : out.totalPendingWriteBytes()) + waitingOctets;
    long delta = now - held;
    held = now;
    if (delta > 0 && !budget.add(delta) && (!ctx.channel().isWritable() || !waiting.isEmpty())) {
      close(ctx, TcpLimit.BUFFER_MEMORY);
    } else if (delta < 0) {
      budget.add(delta);
    }
  }

  private void close(ChannelHandlerContext ctx, TcpLimit limit) {
    if (ctx.channel().isOpen()) {
      observer.tcpLimited(limit);
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (slowReader != null) {
      slowReader.cancel(false);
    }
    for (ByteBuf frame : waiting) {
      frame.release();
    }
    waiting.clear();
    waitingOctets = 0;
    budget.add(-held);
    held = 0;
    ctx.fireChannelInactive();
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
