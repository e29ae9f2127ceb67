/**
 * Zone transfers out (AXFR, RFC 5936; IXFR, RFC 1995) and NOTIFY to secondaries (RFC 1996).
 *
 * <p>Where to start: the query path decides whether a transfer may go ahead ({@code
 * query.TransferGate}: apex, {@code transfer allow} rules, TSIG) and hands a {@link
 * net.anycastdns.server.transfer.TransferRequest} to {@link
 * net.anycastdns.server.transfer.TransferService}, which sends it from a thread of its own through
 * a {@link net.anycastdns.server.transfer.TransferWriter} (64 KiB messages, each signed) into a
 * {@link net.anycastdns.server.transfer.TransferSink} (the TCP connection, with backpressure). On
 * every reload the service keeps each changed zone's {@link
 * net.anycastdns.server.transfer.ZoneDelta} in the {@link
 * net.anycastdns.server.transfer.IxfrHistory} (rebuilt from git after a restart), then has the
 * {@link net.anycastdns.server.transfer.NotifySender} tell the zone's secondaries. {@link
 * net.anycastdns.server.transfer.TransferMetrics} exposes the counts.
 */
package net.anycastdns.server.transfer;
