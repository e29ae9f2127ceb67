package net.anycastdns.server;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.anycastdns.common.DaemonThreads;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.geo.HealthChecker;
import net.anycastdns.server.monitoring.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GeoDNS for a running server: for every geo.yaml the reloader is about to publish (checked by
 * then, this PoP included), the resolver, with health checks carried over from the previous
 * geo.yaml so that a down address stays down. Answers that fail open are counted on the query path
 * and reported here, in one log line per interval at most, since the query path does not log.
 */
final class GeoServing implements Function<GeoConfig, GeoResolver>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GeoServing.class);
  private static final long REPORT_SECONDS = 10;

  private final ServerMetrics metrics;
  private final String pop;
  private final ScheduledExecutorService reporter;
  private HealthChecker health;
  private long failOpenReported;

  /**
   * @param pop this server's PoP, or null
   */
  GeoServing(ServerMetrics metrics, String pop) {
    this.metrics = metrics;
    this.pop = pop;
    this.reporter =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("geo-fail-open-report"));
    reporter.scheduleAtFixedRate(this::report, REPORT_SECONDS, REPORT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * The resolver for {@code next} (null: the revision has no geo.yaml, and no resolver is served).
   * Runs on the reload thread only, just before the state holding it is published.
   */
  @Override
  public GeoResolver apply(GeoConfig next) {
    if (next == null) {
      if (health != null) {
        health.close();
        health = null;
        log.info("geo: no geo.yaml served");
      }
      return null;
    }
    health = health == null ? HealthChecker.start(next) : HealthChecker.start(next, health);
    log.info(
        "geo: {} services over PoPs {}{}",
        next.serviceNames().size(),
        next.popNames(),
        pop == null
            ? " (no --pop: clients of unknown location get the PoPs in file order)"
            : ", this is " + pop);
    return GeoResolver.create(next, pop, health);
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
