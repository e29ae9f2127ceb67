/**
 * The query path, independent of the transport, in stages: {@link
 * net.anycastdns.server.query.QueryProcessor} decodes a query, runs the {@link
 * net.anycastdns.server.query.RequestCheck}s (protocol rules, TSIG, NOTIFY received, then {@link
 * net.anycastdns.server.query.CookieCheck}; access lists a check of their own), takes the {@link
 * net.anycastdns.server.query.ServingState} once (zones, GeoDNS and policies of one revision,
 * published by a {@link net.anycastdns.server.query.ServingStateHolder}), finds the zone and looks
 * the name up (or, for AXFR and IXFR, lets {@code TransferGate} decide and hand the transfer on);
 * {@link net.anycastdns.server.query.ResponseAssembler} is the one place that turns a lookup
 * result, an error or a CHAOS question into flags, sections, EDNS and truncation; {@link
 * net.anycastdns.server.query.ResponseRateLimit} then decides whether a UDP response goes, is
 * dropped or slips out truncated. Each thread reuses a {@link
 * net.anycastdns.server.query.QueryWorkspace}, so an answer allocates nothing; {@link
 * net.anycastdns.server.query.Warmup} runs the path before a new server says it is ready.
 */
package net.anycastdns.server.query;
