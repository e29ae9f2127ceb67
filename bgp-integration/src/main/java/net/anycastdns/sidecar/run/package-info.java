/**
 * The running sidecar: start with {@link net.anycastdns.sidecar.run.Sidecar}, the one thread that
 * runs the self-test on the state machine's schedule, hands the outcomes to {@link
 * net.anycastdns.sidecar.health.HealthStateMachine}, logs each decision ({@link
 * net.anycastdns.sidecar.run.DecisionLog}) and applies it through the {@link
 * net.anycastdns.sidecar.speaker.Speaker} that {@link net.anycastdns.sidecar.run.Speakers} builds
 * from the configuration. {@link net.anycastdns.sidecar.run.HttpEndpoint} serves {@code GET
 * /metrics} and the {@code POST /drain} and {@code POST /resume} requests.
 */
package net.anycastdns.sidecar.run;
