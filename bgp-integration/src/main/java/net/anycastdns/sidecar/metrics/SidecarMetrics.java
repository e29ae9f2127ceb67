package net.anycastdns.sidecar.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.anycastdns.common.HostPort;
import net.anycastdns.sidecar.health.Announcement;
import net.anycastdns.sidecar.health.Decision;
import net.anycastdns.sidecar.probe.PeerResults;
import net.anycastdns.sidecar.probe.ProbeResult;
import net.anycastdns.sidecar.probe.SelfTestResult;
import net.anycastdns.sidecar.speaker.Prefix;

/**
 * Every metric of the sidecar, in Prometheus text format:
 *
 * <ul>
 *   <li>{@code anycast_sidecar_announced{prefix}} 1 while announced (with or without 65535:0);
 *   <li>{@code anycast_sidecar_graceful_shutdown{prefix}} 1 while draining (65535:0 attached);
 *   <li>{@code anycast_sidecar_transitions_total{prefix,from,to}} announcement changes;
 *   <li>{@code anycast_sidecar_probes_total{probe,result}} and {@code
 *       anycast_sidecar_probe_latency_seconds{probe}} for the local server;
 *   <li>{@code anycast_sidecar_selftest_healthy}, {@code anycast_sidecar_consecutive_failures},
 *       {@code anycast_sidecar_consecutive_successes};
 *   <li>{@code anycast_sidecar_peer_guard_active} 1 while local failures are ignored because most
 *       peers fail too (alert on it), {@code anycast_sidecar_peer_guard_engaged_total}, {@code
 *       anycast_sidecar_peer_probes_total{peer,result}};
 *   <li>{@code anycast_sidecar_speaker_errors_total{speaker}} failed speaker calls.
 * </ul>
 */
public final class SidecarMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Prefix> prefixes;
  private final String speaker;
  private final Map<Prefix, AtomicInteger> announced = new LinkedHashMap<>();
  private final Map<Prefix, AtomicInteger> gracefulShutdown = new LinkedHashMap<>();
  private final AtomicInteger healthy = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger successes = new AtomicInteger();
  private final AtomicInteger guardActive = new AtomicInteger();

  public SidecarMetrics(List<Prefix> prefixes, String speaker) {
    this.prefixes = List.copyOf(prefixes);
    this.speaker = speaker;
    for (Prefix p : prefixes) {
      announced.put(
          p,
          gauge(
              "anycast.sidecar.announced",
              "1 while the prefix is announced (with or without GRACEFUL_SHUTDOWN)",
              p));
      gracefulShutdown.put(
          p,
          gauge(
              "anycast.sidecar.graceful.shutdown",
              "1 while the prefix is announced with GRACEFUL_SHUTDOWN 65535:0 (draining)",
              p));
    }
    Gauge.builder("anycast.sidecar.selftest.healthy", healthy, AtomicInteger::get)
        .description("1 when every probe of the last self-test passed")
        .register(registry);
    Gauge.builder("anycast.sidecar.consecutive.failures", failures, AtomicInteger::get)
        .description("consecutive failed self-tests counted toward fall")
        .register(registry);
    Gauge.builder("anycast.sidecar.consecutive.successes", successes, AtomicInteger::get)
        .description("consecutive successful self-tests counted toward rise")
        .register(registry);
    Gauge.builder("anycast.sidecar.peer.guard.active", guardActive, AtomicInteger::get)
        .description(
            "1 while the prefixes stay announced despite local failures because most"
                + " peers fail the same probes")
        .register(registry);
    Counter.builder("anycast.sidecar.speaker.errors")
        .tag("speaker", speaker)
        .description("failed calls to the BGP speaker")
        .register(registry);
  }

  /** Sets the announced gauges of every prefix. */
  public void announcement(Announcement state) {
    for (Prefix p : prefixes) {
      announced.get(p).set(state.announced() ? 1 : 0);
      gracefulShutdown.get(p).set(state == Announcement.GRACEFUL_SHUTDOWN ? 1 : 0);
    }
  }

  /** Counts a decision that changed the announcement, once per prefix. */
  public void decision(Decision d) {
    if (!d.changesAnnouncement()) {
      return;
    }
    String from = d.from() == null ? "unknown" : d.from().label();
    for (Prefix p : prefixes) {
      Counter.builder("anycast.sidecar.transitions")
          .description("changes of the announcement, per prefix")
          .tags("prefix", p.toString(), "from", from, "to", d.to().label())
          .register(registry)
          .increment();
    }
  }

  /** Records one self-test round against the local server. */
  public void selfTest(SelfTestResult result) {
    healthy.set(result.healthy() ? 1 : 0);
    for (ProbeResult r : result.results()) {
      Counter.builder("anycast.sidecar.probes")
          .description("probes sent to the local server")
          .tags("probe", r.probe().label(), "result", r.verdict().label())
          .register(registry)
          .increment();
      r.latency()
          .ifPresent(
              l ->
                  Timer.builder("anycast.sidecar.probe.latency")
                      .description("time from query to answer, local server")
                      .tag("probe", r.probe().label())
                      .register(registry)
                      .record(l));
    }
  }

  /** Records what the peers answered. */
  public void peers(PeerResults results) {
    for (PeerResults.Peer peer : results.peers()) {
      for (ProbeResult r : peer.results()) {
        Counter.builder("anycast.sidecar.peer.probes")
            .description("probes sent to peers")
            .tags("peer", HostPort.format(peer.address()), "result", r.verdict().label())
            .register(registry)
            .increment();
      }
    }
  }

  /** The hysteresis counters and the peers guard after a self-test. */
  public void counters(int consecutiveFailures, int consecutiveSuccesses, boolean guard) {
    failures.set(consecutiveFailures);
    successes.set(consecutiveSuccesses);
    if (guard && guardActive.getAndSet(1) == 0) {
      Counter.builder("anycast.sidecar.peer.guard.engaged")
          .description("times the peers guard kept the prefixes announced")
          .register(registry)
          .increment();
    } else if (!guard) {
      guardActive.set(0);
    }
  }

  /** Counts a failed speaker call. */
  public void speakerError() {
    registry.counter("anycast.sidecar.speaker.errors", "speaker", speaker).increment();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  private AtomicInteger gauge(String name, String description, Prefix p) {
    AtomicInteger value = new AtomicInteger();
    Gauge.builder(name, value, AtomicInteger::get)
        .description(description)
        .tag("prefix", p.toString())
        .register(registry);
    return value;
  }
}
