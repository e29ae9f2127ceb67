/**
 * The BGP sidecar of anycast-dns: it tests the local DNS server the way a resolver does and tells
 * the local BGP speaker to withdraw the anycast prefixes while the test fails. Start with the
 * command line, {@link net.anycastdns.sidecar.Main} ({@code run}, {@code check}, {@code drain},
 * {@code withdraw}); {@link net.anycastdns.sidecar.RunCommand} shows how the pieces fit: {@code
 * config} → {@code probe} (self-test) → {@code health} (the pure state machine) → {@code speaker}
 * (BIRD, ExaBGP, GoBGP, commands), driven by {@code run}, observed through {@code metrics}.
 */
package net.anycastdns.sidecar;
