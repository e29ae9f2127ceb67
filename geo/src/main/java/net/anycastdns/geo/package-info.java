/**
 * Per-PoP GeoDNS views: which unicast addresses to answer for a geo service, for which client, with
 * which EDNS Client Subnet scope (RFC 7871). No Netty and nothing of the server lives here; the
 * server calls in while answering.
 *
 * <p>Where to start: {@link net.anycastdns.geo.GeoConfig#load} reads geo.yaml (through {@code
 * GeoConfigReader} on a {@code YamlTree} that keeps line numbers) and compiles the client networks
 * into a {@code NetworkTrie} per address family. {@link net.anycastdns.geo.GeoResolver} is the
 * query-side entry: {@link net.anycastdns.geo.GeoResolver#service} finds a service by wire name,
 * {@link net.anycastdns.geo.GeoResolver#decide} returns a cached {@link
 * net.anycastdns.geo.GeoDecision}. On a cache miss, {@code ClientLocator} turns the {@link
 * net.anycastdns.geo.ClientSubnet} into a PoP order (networks, then the MaxMind database through
 * {@code MmdbLocator}, else the local PoP), {@code Selection} applies {@code down} and health, and
 * {@code NetworkTrie#scope} finds the widest prefix with the same answer.
 *
 * <p>Health: {@link net.anycastdns.geo.HealthChecker} does the TCP connects on one thread; {@code
 * HealthTracker} and {@code RiseFall} are its pure, clock-free state machine; both are seen by the
 * resolver as a {@link net.anycastdns.geo.HealthView}.
 */
package net.anycastdns.geo;
