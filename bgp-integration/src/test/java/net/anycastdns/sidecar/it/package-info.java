/**
 * Integration tests against the real daemons from Debian's packages, run by failsafe after {@code
 * package}: start with {@link net.anycastdns.sidecar.it.SidecarScenario}, the steps every driver
 * goes through, then {@link net.anycastdns.sidecar.it.BirdSidecarIT}, {@link
 * net.anycastdns.sidecar.it.ExaBgpSidecarIT} and {@link net.anycastdns.sidecar.it.GoBgpSidecarIT}.
 * {@link net.anycastdns.sidecar.it.Lab} builds the two network namespaces and cleans up; {@link
 * net.anycastdns.sidecar.it.ItEnvironment} decides between running, skipping (not root, daemons
 * missing) and failing (the same in CI).
 */
package net.anycastdns.sidecar.it;
