package net.anycastdns.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import net.anycastdns.server.transfer.TransferSink;

/**
 * A transfer's messages onto its TCP connection, written from the transfer thread. At most {@value
 * #IN_FLIGHT} messages are queued in Netty beyond what the socket has taken: the transfer thread
 * waits for the oldest before it writes another, so a slow secondary slows its own transfer and no
 * other, and memory stays bounded. A secondary that stops reading is cut off by the connection's
 * idle timeout (no write completes), which fails the wait; one that reads too slowly to finish
 * within {@link #MAX_TIME} (BIND's {@code max-transfer-time-out}) is cut off then.
 */
final class ChannelTransferSink implements TransferSink {
  static final int IN_FLIGHT = 4;

  /** The longest wait for one message, beyond the idle timeout that normally ends it first. */
  private static final long WAIT_MS = 120_000;

  /** The longest a transfer may take. */
  static final Duration MAX_TIME = Duration.ofMinutes(120);

  private final Channel channel;
  private final Runnable done;
  private final ArrayDeque<ChannelFuture> inFlight = new ArrayDeque<>();
  private final long deadline = System.nanoTime() + MAX_TIME.toNanos();

  /**
   * @param done run on the channel's event loop when the transfer is over and the connection may
   *     read queries again
   */
  ChannelTransferSink(Channel channel, Runnable done) {
    this.channel = channel;
    this.done = done;
  }

  @Override
  public void write(byte[] message, int length) throws IOException {
    if (!channel.isActive()) {
      throw new IOException("connection closed by the secondary");
    }
    if (System.nanoTime() - deadline > 0) {
      throw new IOException("the transfer took longer than " + MAX_TIME.toMinutes() + " minutes");
    }
    ByteBuf out = channel.alloc().ioBuffer(length + 2);
    out.writeShort(length).writeBytes(message, 0, length);
    inFlight.add(channel.writeAndFlush(out));
    if (inFlight.size() > IN_FLIGHT) {
      await(inFlight.poll());
    }
  }

  private void await(ChannelFuture f) throws IOException {
    if (!f.awaitUninterruptibly(WAIT_MS)) {
      channel.close();
      throw new IOException("the secondary took no data for " + WAIT_MS / 1000 + " s");
    }
    if (!f.isSuccess()) {
      throw new IOException("connection lost: " + f.cause());
    }
  }

  @Override
  public void finish(boolean completed) {
    if (completed) {
      try {
        while (!inFlight.isEmpty()) {
          await(inFlight.poll());
        }
      } catch (IOException e) {
        completed = false;
      }
    }
    if (completed) {
      channel.eventLoop().execute(done);
    } else {
      channel.close();
    }
  }
}
