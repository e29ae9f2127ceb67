/**
 * DNSSEC key pairs from a key folder, in the BIND format that {@code dnssec-keygen}, {@code
 * ldns-keygen} and Knot's {@code keymgr} write: {@code K<zone>.+<alg>+<tag>.key} (the DNSKEY
 * record) beside {@code K<zone>.+<alg>+<tag>.private} (the private key and BIND's timing metadata).
 *
 * <p>Where to start: {@link net.anycastdns.zones.keys.KeyFolder#read} reads a folder into a {@link
 * net.anycastdns.zones.keys.KeyFolder.Contents}: the {@link net.anycastdns.zones.keys.SigningKey}s
 * of each zone and one problem per bad file. {@link net.anycastdns.zones.keys.KeyTiming} says when
 * a key is published and when it signs. Signing itself is {@link
 * net.anycastdns.zones.ZoneSigner}'s.
 */
package net.anycastdns.zones.keys;
