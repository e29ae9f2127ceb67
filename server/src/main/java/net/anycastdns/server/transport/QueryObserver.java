package net.anycastdns.server.transport;

import java.net.SocketAddress;
import net.anycastdns.server.query.QueryWorkspace;

/**
 * Told about every packet a UDP or TCP handler took, on the event-loop thread that took it, once
 * its answer is written, and about TCP connections closed by a limit. It runs on the query path, so
 * an implementation must not block, take a lock or allocate for an ordinary query.
 */
public interface QueryObserver {
  /** Observes nothing. */
  QueryObserver NONE = (ws, tcp, client, length, nanos) -> {};

  /**
   * @param ws the workspace the query was processed in; it tells what the response was
   * @param tcp whether the query came over TCP
   * @param client the address the query came from
   * @param length the response length, or -1 when the packet was dropped unanswered
   * @param nanos the time from reading the packet to writing its answer
   */
  void handled(QueryWorkspace ws, boolean tcp, SocketAddress client, int length, long nanos);

  /**
   * An answer was made but not sent: the socket could not take it (its send buffer full under a
   * flood), so it was dropped as the kernel would drop it rather than queued without bound.
   */
  default void dropped(boolean tcp) {}

  /** A TCP connection was closed because it went over {@code limit}. */
  default void tcpLimited(TcpLimit limit) {}

  /** An observer that tells {@code first}, then {@code second}. */
  static QueryObserver both(QueryObserver first, QueryObserver second) {
    return new QueryObserver() {
      @Override
      public void handled(
          QueryWorkspace ws, boolean tcp, SocketAddress client, int length, long nanos) {
        first.handled(ws, tcp, client, length, nanos);
        second.handled(ws, tcp, client, length, nanos);
      }

      @Override
      public void dropped(boolean tcp) {
        first.dropped(tcp);
        second.dropped(tcp);
      }

      @Override
      public void tcpLimited(TcpLimit limit) {
        first.tcpLimited(limit);
        second.tcpLimited(limit);
      }
    };
  }
}
