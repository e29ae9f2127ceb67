package net.anycastdns.server.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How the transport runs.
 *
 * @param listen addresses to serve UDP and TCP on
 * @param threads event-loop threads (and, with epoll, UDP sockets per address)
 * @param tcpIdleTimeout a TCP connection with no query for this long is closed (RFC 7766 6.2.3)
 * @param tcpMaxConnections open TCP connections beyond this are closed at once
 * @param tcpMaxConnectionsPerClient open TCP connections from one client beyond this are closed
 * @param tcpMaxInFlight a connection with more queries waiting for its client to read is closed
 * @param tcpSlowReaderTimeout a connection whose answers wait this long for its client is closed
 * @param tcpBufferMemory octets all TCP connections may hold in answers and queries waiting
 */
public record ServerSettings(
    List<InetSocketAddress> listen,
    int threads,
    Duration tcpIdleTimeout,
    int tcpMaxConnections,
    int tcpMaxConnectionsPerClient,
    int tcpMaxInFlight,
    Duration tcpSlowReaderTimeout,
    long tcpBufferMemory) {
  public ServerSettings {
    listen = List.copyOf(listen);
    if (listen.isEmpty()) {
      throw new IllegalArgumentException("no listen address");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (tcpMaxConnections < 1) {
      throw new IllegalArgumentException("tcp-max-connections must be at least 1");
    }
  }
}
