/**
 * Netty transport: {@link net.anycastdns.server.transport.DnsTransport} binds UDP and TCP on every
 * listen address (epoll with one SO_REUSEPORT socket per thread where available, NIO otherwise);
 * {@link net.anycastdns.server.transport.UdpQueryHandler} and {@link
 * net.anycastdns.server.transport.TcpQueryHandler} move bytes between sockets and the {@link
 * net.anycastdns.server.query.QueryProcessor}, then tell a {@link
 * net.anycastdns.server.transport.QueryObserver} (metrics, the query log) what they did.
 */
package net.anycastdns.server.transport;
