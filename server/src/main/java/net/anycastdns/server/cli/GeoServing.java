package net.anycastdns.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.geo.HealthChecker;
import net.anycastdns.server.monitoring.ServerMetrics;
import net.anycastdns.server.query.GeoFolder;
import net.anycastdns.server.query.GeoResolverHolder;
import net.anycastdns.zones.ZoneSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GeoDNS for {@code serve}: reads the zone folder's {@code geo.yaml}, checks it and {@code --pop}
 * against it, starts the health checks and publishes the resolver. Answers that fail open are
 * counted on the query path and reported here, in one log line per interval at most, since the
 * query path does not log.
 */
final class GeoServing implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GeoServing.class);
  private static final long REPORT_SECONDS = 10;

  private final GeoResolverHolder holder;
  private final ServerMetrics metrics;
  private HealthChecker health;
  private ScheduledExecutorService reporter;
  private long failOpenReported;

  GeoServing(GeoResolverHolder holder, ServerMetrics metrics) {
    this.holder = holder;
    this.metrics = metrics;
  }

  /** Starts GeoDNS for the folder, if it has a geo.yaml; every problem is a usage error. */
  void start(Path zoneDir, ZoneSet zones, String pop) {
    GeoFolder.Loaded loaded = GeoFolder.load(zoneDir, zones);
    if (!loaded.problems().isEmpty()) {
      throw new Main.UsageException(GeoFolder.FILE + " cannot be served:\n" + loaded.problems()
          .stream().map(p -> zoneDir.resolve(p.file()) + ":" + p.line() + ": " + p.message())
          .collect(Collectors.joining("\n")));
    }
    if (!loaded.present()) {
      return;
    }
    GeoConfig config = loaded.config();
    if (!pop.isEmpty() && !config.hasPop(pop)) {
      throw new Main.UsageException("--pop " + pop + " is not a PoP of " + GeoFolder.FILE
          + " (" + String.join(", ", config.popNames()) + ")");
    }
    health = HealthChecker.start(config);
    holder.publish(GeoResolver.create(config, pop.isEmpty() ? null : pop, health));
    log.info("geo: {} services over PoPs {}{}", config.serviceNames().size(), config.popNames(),
        pop.isEmpty() ? " (no --pop: unknown clients get the PoPs in file order)" : ", this is " + pop);
    reporter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "geo-fail-open-report");
      t.setDaemon(true);
      return t;
    });
    reporter.scheduleAtFixedRate(this::report, REPORT_SECONDS, REPORT_SECONDS, TimeUnit.SECONDS);
  }

  private void report() {
    long now = metrics.geoFailOpenCount();
    if (now > failOpenReported) {
      log.warn("geo: {} answers failed open in the last {} s: every PoP of their service was down "
          + "or failing, so all its addresses were answered", now - failOpenReported, REPORT_SECONDS);
    }
    failOpenReported = now;
  }

  @Override
  public void close() {
    if (reporter != null) {
      reporter.shutdownNow();
    }
    if (health != null) {
      health.close();
    }
  }
}
