/**
 * DNS messages on the wire, as plain byte arrays: {@link net.anycastdns.server.wire.QueryParser}
 * decodes only what answering needs into a reusable {@link net.anycastdns.server.wire.Query};
 * {@link net.anycastdns.server.wire.MessageWriter} writes a response with name compression and
 * truncation that never splits an RRset. Nothing here knows Netty or zones' lookup rules.
 */
package net.anycastdns.server.wire;
