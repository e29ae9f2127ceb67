/**
 * Test helpers shared by the unit tests: {@link net.anycastdns.sidecar.testing.FakeDnsServer}, a
 * switchable authoritative server on loopback, and {@link net.anycastdns.sidecar.testing.Probes}.
 */
package net.anycastdns.sidecar.testing;
