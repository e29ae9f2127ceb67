/**
 * Response rate limiting (RRL), the parts apart from the query path: {@link
 * net.anycastdns.server.rrl.TokenBuckets}, the bounded table of token buckets every thread shares
 * without a lock, and {@link net.anycastdns.server.rrl.LimitedNetblocks}, which logs the netblocks
 * being limited from a thread of its own. The stage that classifies a response and asks the buckets
 * is {@code query.ResponseRateLimit}.
 */
package net.anycastdns.server.rrl;
