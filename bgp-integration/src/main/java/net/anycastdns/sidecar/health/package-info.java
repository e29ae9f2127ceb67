/**
 * The decision logic, free of I/O, threads and sleeps: start with {@link
 * net.anycastdns.sidecar.health.HealthStateMachine}. It is fed the outcome of each self-test
 * ({@link net.anycastdns.sidecar.health.CheckOutcome}) and operator requests (drain, resume, stop),
 * reads time only from the injected {@link java.time.Clock}, and answers with {@link
 * net.anycastdns.sidecar.health.Decision}s saying what the BGP speaker must announce ({@link
 * net.anycastdns.sidecar.health.Announcement}) and when it wants to be called next.
 */
package net.anycastdns.sidecar.health;
