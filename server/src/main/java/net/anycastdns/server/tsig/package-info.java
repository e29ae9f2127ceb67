/**
 * TSIG (RFC 8945): the keys of the configuration and the glue between dnsjava's TSIG code and the
 * byte arrays the server reads and writes.
 *
 * <p>Where to start: {@link net.anycastdns.server.tsig.TsigKey} (name, algorithm, a secret that is
 * never shown) in a {@link net.anycastdns.server.tsig.TsigKeyring}, part of the zone policies and
 * so reloaded with them; {@link net.anycastdns.server.tsig.Tsig} checks a request's signature into
 * a {@link net.anycastdns.server.tsig.SignedRequest} and signs a response, one message or a stream
 * of them. The query path's TSIG stage ({@code query.TsigCheck}) uses it only for requests that
 * carry a TSIG record.
 */
package net.anycastdns.server.tsig;
