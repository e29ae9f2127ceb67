/**
 * The DNS server: transport, the query pipeline and the command line.
 *
 * <p>Where to start: {@link net.anycastdns.server.cli.Main} parses the command line; {@link
 * net.anycastdns.server.transport.DnsTransport} binds UDP and TCP and hands every packet to {@link
 * net.anycastdns.server.query.QueryProcessor}, which decodes it ({@link
 * net.anycastdns.server.wire.QueryParser}), takes the zone set once, looks the name up ({@link
 * net.anycastdns.zones.ZoneLookup}) and lets {@link net.anycastdns.server.query.ResponseAssembler}
 * write the answer ({@link net.anycastdns.server.wire.MessageWriter}). After writing, the transport
 * tells a {@link net.anycastdns.server.transport.QueryObserver} what it did: {@link
 * net.anycastdns.server.monitoring.ServerMetrics} counts it, and {@link
 * net.anycastdns.server.monitoring.HttpEndpoint} serves the metrics and health checks. {@link
 * net.anycastdns.server.reload.Reloader} loads the zones (from a folder or a git branch) and swaps
 * in new ones on SIGHUP, {@code POST /sync} and every git poll, beside the served set.
 */
package net.anycastdns.server;
