/**
 * Monitoring: metrics, health endpoints, the query log and the log format.
 *
 * <p>Where to start: {@link net.anycastdns.server.monitoring.ServerMetrics} owns the Prometheus
 * registry and records every query (it is the {@link net.anycastdns.server.transport.QueryObserver}
 * the UDP and TCP handlers call after writing an answer); {@link
 * net.anycastdns.server.monitoring.HttpEndpoint} serves {@code /metrics} and the health checks on
 * its own thread ({@link net.anycastdns.server.monitoring.MonitoringHttpHandler}), asking {@link
 * net.anycastdns.server.monitoring.Readiness} whether zones are served; {@link
 * net.anycastdns.server.monitoring.QueryLog} writes sampled query lines off the query path; {@link
 * net.anycastdns.server.monitoring.LogFormat} switches logs to JSON; {@link
 * net.anycastdns.server.monitoring.ConsoleLogConfigurator} is how logging starts.
 */
package net.anycastdns.server.monitoring;
