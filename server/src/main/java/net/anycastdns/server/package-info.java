/**
 * The DNS server: transport, the query pipeline, reloads, monitoring and the command line.
 *
 * <p>Where to start: {@link net.anycastdns.server.NameServer} is the whole server for one {@link
 * net.anycastdns.server.config.ServerConfig}, and the order in which its parts start and stop;
 * {@code serve} starts one, and so does every end-to-end test. {@link
 * net.anycastdns.server.transport.DnsTransport} binds UDP and TCP and hands every packet to {@link
 * net.anycastdns.server.query.QueryProcessor}, which decodes it ({@link
 * net.anycastdns.server.wire.QueryParser}), runs the request checks, takes the serving state once,
 * looks the name up ({@link net.anycastdns.zones.ZoneLookup}) and lets {@link
 * net.anycastdns.server.query.ResponseAssembler} write the answer ({@link
 * net.anycastdns.server.wire.MessageWriter}). After writing, the transport tells a {@link
 * net.anycastdns.server.transport.QueryObserver} what it did: {@link
 * net.anycastdns.server.monitoring.ServerMetrics} counts it, and {@link
 * net.anycastdns.server.monitoring.HttpEndpoint} serves the metrics and health checks. {@link
 * net.anycastdns.server.reload.Reloader} loads the zones (from a folder or a git branch) and swaps
 * in new ones on SIGHUP, {@code POST /sync} and every git poll, beside what is served; {@link
 * net.anycastdns.server.transfer.TransferService} sends zone transfers and tells secondaries of
 * each change.
 */
package net.anycastdns.server;
