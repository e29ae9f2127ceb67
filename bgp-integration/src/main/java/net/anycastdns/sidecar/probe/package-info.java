/**
 * The self-test: DNS queries sent to the local server the way a resolver sends them. Start with
 * {@link net.anycastdns.sidecar.probe.SelfTest}, which runs every {@link
 * net.anycastdns.sidecar.probe.Probe} through {@link net.anycastdns.sidecar.probe.DnsClient} (raw
 * UDP and TCP with a deadline the sidecar controls) and judges each answer into a {@link
 * net.anycastdns.sidecar.probe.ProbeResult}. Only DNS on the wire: no code of the server.
 */
package net.anycastdns.sidecar.probe;
