package net.anycastdns.server.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.geo.HealthChecker;
import net.anycastdns.server.monitoring.ServerMetrics;
import net.anycastdns.server.query.GeoResolverHolder;
import net.anycastdns.server.reload.ServingState;
import net.anycastdns.server.reload.SyncObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GeoDNS for {@code serve}: with every state the reloader publishes, the resolver for its geo.yaml
 * (checked by then, this PoP included), health checks carried over from the previous geo.yaml so
 * that a down address stays down. Answers that fail open are counted on the query path and reported
 * here, in one log line per interval at most, since the query path does not log.
 */
final class GeoServing implements SyncObserver, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GeoServing.class);
  private static final long REPORT_SECONDS = 10;

  private final GeoResolverHolder holder;
  private final ServerMetrics metrics;
  private final String pop;
  private final ScheduledExecutorService reporter;
  private HealthChecker health;
  private long failOpenReported;

  /**
   * @param pop this server's PoP, or null
   */
  GeoServing(GeoResolverHolder holder, ServerMetrics metrics, String pop) {
    this.holder = holder;
    this.metrics = metrics;
    this.pop = pop;
    this.reporter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "geo-fail-open-report");
              t.setDaemon(true);
              return t;
            });
    reporter.scheduleAtFixedRate(this::report, REPORT_SECONDS, REPORT_SECONDS, TimeUnit.SECONDS);
  }

  /** Runs on the reload thread only, before the zone set of {@code next} is swapped in. */
  @Override
  public void publishing(ServingState next) {
    GeoConfig nextConfig = next.geo();
    if (nextConfig == null) {
      holder.publish(next.zones(), null);
      if (health != null) {
        health.close();
        health = null;
        log.info("geo: no geo.yaml served");
      }
      return;
    }
    health =
        health == null ? HealthChecker.start(nextConfig) : HealthChecker.start(nextConfig, health);
    holder.publish(next.zones(), GeoResolver.create(nextConfig, pop, health));
    log.info(
        "geo: {} services over PoPs {}{}",
        nextConfig.serviceNames().size(),
        nextConfig.popNames(),
        pop == null
            ? " (no --pop: clients of unknown location get the PoPs in file order)"
            : ", this is " + pop);
  }

  private void report() {
    long now = metrics.geoFailOpenCount();
    if (now > failOpenReported) {
      log.warn(
          "geo: {} answers failed open in the last {} s: every PoP of their service was down "
              + "or failing, so all its addresses were answered",
          now - failOpenReported,
          REPORT_SECONDS);
    }
    failOpenReported = now;
  }

  @Override
  public void close() {
    reporter.shutdownNow();
    if (health != null) {
      health.close();
    }
  }
}
