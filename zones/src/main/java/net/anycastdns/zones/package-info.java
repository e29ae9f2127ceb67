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
 * <p>Zones that arrive signed (DNSKEY and RRSIG at the apex): {@link
 * net.anycastdns.zones.SignedZoneCompiler} hangs each RRSIG on the RRset it covers and indexes the
 * NSEC or NSEC3 chain into a {@link net.anycastdns.zones.SignedZone}; {@link
 * net.anycastdns.zones.SignedZoneChecks} checks the result at every load (and, for {@code check},
 * verifies every signature with {@link net.anycastdns.zones.SignatureVerifier}). For a query with
 * the DO bit, {@link net.anycastdns.zones.DnssecProofs} is the stage after the lookup: from what
 * the lookup recorded it adds the RRSIGs and the NSEC/NSEC3 proofs of RFC 4035 and RFC 5155.
 *
 * <p>Zones signed here (keys in {@link net.anycastdns.zones.keys}): {@link
 * net.anycastdns.zones.ZoneSigner} signs a zone inside its compile, as a {@link
 * net.anycastdns.zones.ZoneSigning} says, so that the result is what a zone that arrived signed
 * holds; {@link net.anycastdns.zones.SignatureReuse} keeps the signatures of the snapshot served
 * before where they still hold, and {@link net.anycastdns.zones.OnlineSigning} records the signing
 * in the snapshot (when to sign again, and the signing of GeoDNS answers).
 *
 * <p>Names are kept as lowercase DNS wire format ({@code byte[]}), the form the query path already
 * has, so lookups hash and compare bytes without building objects.
 */
package net.anycastdns.zones;
