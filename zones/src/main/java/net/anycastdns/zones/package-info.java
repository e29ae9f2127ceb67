/**
 * Zone files to immutable, lookup-optimised snapshots. No Netty and nothing of the wire protocol
 * beyond names and record data lives here.
 *
 * <p>Where to start: {@link net.anycastdns.zones.ZoneDirectoryLoader} loads a folder of {@code
 * NAME.zone} files. Each file's bytes go through {@link net.anycastdns.zones.ZoneText} (slices on
 * every core) and {@link net.anycastdns.zones.MasterFileScanner} (the RFC 1035 grammar; record data
 * by {@link net.anycastdns.zones.RdataParser}) into {@link net.anycastdns.zones.ScannedRecords},
 * compact arrays without an object per record; {@link net.anycastdns.zones.ZoneDraft} groups them
 * by owner, {@link net.anycastdns.zones.ZoneChecks} checks them and {@link
 * net.anycastdns.zones.ZoneCompiler} compiles a good zone into a {@link
 * net.anycastdns.zones.ZoneSnapshot}. The snapshots form a {@link net.anycastdns.zones.ZoneSet},
 * which the server publishes (with GeoDNS and the zones' policies) by swapping one reference.
 * {@link net.anycastdns.zones.ZoneLookup} answers a question against one snapshot and fills a
 * {@link net.anycastdns.zones.LookupResult}; turning that into a message is the server's business,
 * and so is reloading (which compares serials with {@link net.anycastdns.zones.Serials}, RFC 1982
 * arithmetic).
 *
 * <p>Names are kept as lowercase DNS wire format ({@code byte[]}), the form the query path already
 * has, so lookups hash and compare bytes without building objects.
 */
package net.anycastdns.zones;
