package net.anycastdns.server.transport;

/**
 * The limits for which the transport closes a TCP connection: each against a client (or many) that
 * would hold the server's connections or memory. The label is the {@code reason} of {@code
 * dns_tcp_connections_closed_total}.
 */
public enum TcpLimit {
  /** More TCP connections than {@code tcp-max-connections}: the newest is closed at once. */
  MAX_CONNECTIONS("max_connections"),
  /** More from one client than {@code tcp-max-connections-per-client}: the newest is closed. */
  PER_CLIENT("per_client"),
  /** More queries waiting for the client to read its answers than {@code tcp-max-in-flight}. */
  IN_FLIGHT("in_flight"),
  /** Answers waiting for the client to read them for {@code tcp-slow-reader-timeout}. */
  SLOW_READER("slow_reader"),
  /** The memory of {@code tcp-buffer-memory} is full and the connection is waiting to grow it. */
  BUFFER_MEMORY("buffer_memory");

  private final String label;

  TcpLimit(String label) {
    this.label = label;
  }

  /** The metric label. */
  public String label() {
    return label;
  }
}
