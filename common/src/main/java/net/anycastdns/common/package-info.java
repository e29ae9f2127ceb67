/**
 * What the server, GeoDNS and the BGP sidecar share, with no Netty and no DNS data in it: values as
 * operators write them, parsed strictly and printed one way.
 *
 * <p>Where to start: {@link net.anycastdns.common.Durations} ({@code 500ms}, {@code 10s}), {@link
 * net.anycastdns.common.ByteSizes} ({@code 64MiB}), {@link net.anycastdns.common.IpLiterals} (IP
 * addresses, never a DNS lookup, RFC 5952 output), {@link net.anycastdns.common.IpPrefix} (CIDR
 * networks), {@link net.anycastdns.common.HostPort} ({@code 192.0.2.53:53}, {@code
 * [2001:db8::53]:53}); {@link net.anycastdns.common.SipHash}, the keyed hash of DNS cookies and
 * rate limiting; {@link net.anycastdns.common.yaml.YamlTree} and {@link
 * net.anycastdns.common.yaml.YamlReader} for configuration files whose every problem is reported as
 * {@code file:line: message}; {@link net.anycastdns.common.cli.CommandLineRunner} for the command
 * lines of both jars; {@link net.anycastdns.common.DaemonThreads} for the threads of background
 * executors.
 */
package net.anycastdns.common;
