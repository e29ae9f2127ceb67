/**
 * Prometheus metrics: start with {@link net.anycastdns.sidecar.metrics.SidecarMetrics}, which names
 * every series the sidecar exports (announced state per prefix, probe results and latency,
 * transitions, the peers guard, speaker errors) and renders them for {@code GET /metrics}.
 */
package net.anycastdns.sidecar.metrics;
