/**
 * Zone files to immutable, lookup-optimised snapshots. No Netty and nothing of the wire protocol
 * beyond names and record data lives here.
 *
 * <p>Where to start: {@link net.anycastdns.zones.ZoneDirectoryLoader} reads a folder of {@code
 * NAME.zone} files through {@link net.anycastdns.zones.ZoneFileParser} (dnsjava's parser, {@code
 * $INCLUDE} off, {@code $GENERATE} bounded), runs {@link net.anycastdns.zones.ZoneChecks} and
 * compiles each good zone into a {@link net.anycastdns.zones.ZoneSnapshot}. The snapshots form a
 * {@link net.anycastdns.zones.ZoneSet}, which the server publishes (with GeoDNS and the zones'
 * policies) by swapping one reference. {@link net.anycastdns.zones.ZoneLookup} answers a question
 * against one snapshot and fills a {@link net.anycastdns.zones.LookupResult}; turning that into a
 * message is the server's business, and so is reloading (which compares serials with {@link
 * net.anycastdns.zones.Serials}, RFC 1982 arithmetic).
 *
 * <p>Names are kept as lowercase DNS wire format ({@code byte[]}), the form the query path already
 * has, so lookups hash and compare bytes without building objects.
 */
package net.anycastdns.zones;
