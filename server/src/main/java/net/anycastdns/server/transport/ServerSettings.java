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
 */
public record ServerSettings(
    List<InetSocketAddress> listen, int threads, Duration tcpIdleTimeout, int tcpMaxConnections) {
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
