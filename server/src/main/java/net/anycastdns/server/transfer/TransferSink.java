package net.anycastdns.server.transfer;

import java.io.IOException;

/**
 * Where a transfer's messages go: the secondary's TCP connection. A write returns once the
 * connection has room for more, so a transfer never gets ahead of its reader by more than a few
 * messages, and a secondary that stops reading stops the transfer instead of filling memory.
 */
public interface TransferSink {
  /**
   * Sends {@code message[0, length)} as one DNS message; the array may be reused once this returns.
   *
   * @throws IOException when the connection is gone or stalled beyond its limit
   */
  void write(byte[] message, int length) throws IOException;

  /**
   * The transfer is over (done or failed): waits for what was written, and lets the query go on.
   */
  void finish(boolean completed);
}
