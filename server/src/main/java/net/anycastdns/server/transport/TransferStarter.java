package net.anycastdns.server.transport;

import net.anycastdns.server.transfer.TransferRequest;
import net.anycastdns.server.transfer.TransferSink;

/** Where a TCP connection hands a zone transfer the query path let through. */
@FunctionalInterface
public interface TransferStarter {
  /** No transfers: a connection that asks for one is closed. */
  TransferStarter NONE = (request, sink) -> false;

  /**
   * Starts sending {@code request} to {@code sink} off the event loop.
   *
   * @return false when it cannot be taken now: the connection is closed
   */
  boolean start(TransferRequest request, TransferSink sink);
}
