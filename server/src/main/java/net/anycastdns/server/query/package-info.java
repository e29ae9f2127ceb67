/**
 * The query pipeline, independent of the transport: {@link
 * net.anycastdns.server.query.QueryProcessor} decodes a query, takes the zone set once, finds the
 * zone and looks the name up; {@link net.anycastdns.server.query.ResponseAssembler} is the one
 * place that turns a lookup result, an error or a CHAOS question into flags, sections, EDNS and
 * truncation.
 */
package net.anycastdns.server.query;
