package net.anycastdns.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.server.config.ServerConfig;
import net.anycastdns.server.config.ServerConfigReader;
import net.anycastdns.server.config.SourceConfig;
import net.anycastdns.server.cookies.CookieSecrets;
import net.anycastdns.server.monitoring.HttpEndpoint;
import net.anycastdns.server.monitoring.QueryLog;
import net.anycastdns.server.monitoring.Readiness;
import net.anycastdns.server.monitoring.ServerMetrics;
import net.anycastdns.server.query.CookieCheck;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.ResponseAssembler;
import net.anycastdns.server.query.ResponseRateLimit;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.query.ServingState;
import net.anycastdns.server.query.ServingStateHolder;
import net.anycastdns.server.query.Warmup;
import net.anycastdns.server.reload.Reloader;
import net.anycastdns.server.reload.SyncResult;
import net.anycastdns.server.reload.ZoneSource;
import net.anycastdns.server.reload.ZoneSources;
import net.anycastdns.server.transfer.IxfrHistory;
import net.anycastdns.server.transfer.NotifySender;
import net.anycastdns.server.transfer.TransferMetrics;
import net.anycastdns.server.transfer.TransferService;
import net.anycastdns.server.transport.DnsTransport;
import net.anycastdns.server.transport.QueryObserver;
import net.anycastdns.server.transport.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server for one configuration: transports, the query path, reloads, monitoring, and
 * their order at start and at shutdown. {@code serve} starts one, and so does every end-to-end
 * test, so that what is tested is wired as what runs.
 *
 * <p>Start order: the zones start loading on the reload thread while the DNS sockets are bound (an
 * address in use fails at once, without waiting for a large zone, and without a line about it) but
 * read nothing, and while the HTTP endpoint comes up saying 503; then the zones loaded are logged
 * and published; the query path is warmed up; then the sockets start reading and {@code
 * /health/ready} says 200, so that an anycast prefix is never announced for a server that answers
 * REFUSED or answers slowly.
 */
public final class NameServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NameServer.class);

  /** How long a NOTIFY waits for its answer before it is sent again (then twice as long, ...). */
  private static final Duration NOTIFY_FIRST_WAIT = Duration.ofSeconds(1);

  private final ServerConfig config;
  private final ServerMetrics metrics;
  private final QueryLog queryLog;
  private final Readiness readiness;
  private final GeoServing geo;
  private final Reloader reloader;
  private final HttpEndpoint http;
  private final QueryProcessor processor;
  private final CookieCheck cookies;
  private final ResponseRateLimit rateLimit;
  private final DnsTransport transport;
  private final ServingStateHolder state = new ServingStateHolder();
  private final ZoneSource source;
  private final TransferService transfers;

  private NameServer(
      ServerConfigReader.Loaded loaded,
      Reloader.ConfigSource rereads,
      ZoneSource source,
      Clock clock) {
    this.config = loaded.config();
    ServerIdentity identity = new ServerIdentity(config.identity(), config.version());
    String pop = config.pop();
    metrics = new ServerMetrics(config.identity(), pop == null ? "" : pop);
    queryLog = queryLog(config);
    readiness = new Readiness(state);
    geo = new GeoServing(metrics, pop);
    this.source = source;
    NotifySender notifier = new NotifySender(NOTIFY_FIRST_WAIT);
    transfers = new TransferService(new IxfrHistory(config.ixfrHistory()), notifier);
    reloader =
        new Reloader(
            source, loaded, rereads, state, geo, List.of(metrics, readiness, transfers), clock);
    http = new HttpEndpoint(config.http(), metrics, readiness, reloader);
    cookies = new CookieCheck(cookieSecrets(config), () -> System.currentTimeMillis() / 1000);
    rateLimit =
        config.rrl().enabled() ? new ResponseRateLimit(config.rrl(), System::nanoTime) : null;
    processor =
        new QueryProcessor(
            state,
            new ResponseAssembler(identity, config.ednsUdpSize()),
            List.of(cookies),
            rateLimit);
    QueryObserver observer = metrics;
    if (queryLog != null) {
      metrics.watch(queryLog);
      observer = QueryObserver.both(metrics, queryLog);
    }
    transport =
        new DnsTransport(
            new ServerSettings(
                config.listen(),
                config.threads(),
                config.tcpIdleTimeout(),
                config.tcpMaxConnections(),
                config.tcpMaxConnectionsPerClient(),
                config.tcpMaxInFlight(),
                config.tcpSlowReaderTimeout(),
                config.tcpBufferMemory()),
            processor,
            observer,
            transfers::start);
    metrics.watch(transport);
    metrics.watch(processor);
    metrics.bind(new TransferMetrics(transfers, notifier, processor));
  }

  /**
   * Starts a server for {@code loaded}, whose file (if any) a reload reads again through {@code
   * rereads}; returns once it serves, ready.
   *
   * @throws UsageException when it cannot start: an address in use, a git remote that cannot be
   *     reached with nothing served before, no zone to serve
   */
  public static NameServer start(ServerConfigReader.Loaded loaded, Reloader.ConfigSource rereads) {
    return start(loaded, rereads, Clock.systemUTC());
  }

  /**
   * Starts a server as {@link #start(ServerConfigReader.Loaded, Reloader.ConfigSource)} does, on
   * {@code clock}: the time zones are signed at and signatures judged by (a test's, to move it).
   */
  public static NameServer start(
      ServerConfigReader.Loaded loaded, Reloader.ConfigSource rereads, Clock clock) {
    ServerConfig config = loaded.config();
    config.logFormat().apply();
    log.info(
        "starting anycast-dns as '{}'{}",
        config.identity(),
        config.pop() == null ? "" : " at PoP '" + config.pop() + "'");
    NameServer server = new NameServer(loaded, rereads, ZoneSources.open(config.source()), clock);
    try {
      server.run();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Starts a server whose configuration never changes (a test's). */
  public static NameServer start(ServerConfigReader.Loaded loaded) {
    return start(loaded, () -> loaded);
  }

  private void run() {
    reloader.beginStart();
    try {
      transport.start();
      http.start();
    } catch (DnsTransport.ListenException e) {
      throw new UsageException(e.getMessage(), e);
    }
    try {
      reloader.start();
    } catch (Reloader.StartupException e) {
      throw new UsageException(
          e.getMessage()
              + (config.source() instanceof SourceConfig.Git git
                  ? "; and " + git.dir() + " holds no commit served before to fall back on"
                  : ""),
          e);
    }
    // Git keeps what was served before a restart: the IXFR history is rebuilt from it.
    transfers.rebuildHistory(source, config.ixfrHistory() * 4);
    if (queryLog != null) {
      queryLog.start();
    }
    Warmup.run(processor, state.current());
    if (rateLimit != null) {
      rateLimit.start();
    }
    transport.resume();
    readiness.listening();
    if (config.source() instanceof SourceConfig.Git git && !git.poll().isZero()) {
      reloader.poll(git.poll());
    }
    reloader.refreshSignatures();
    log.info(
        "serving as '{}' ({} threads{}, {})",
        config.identity(),
        config.threads(),
        queryLog == null ? "" : ", logging 1 query in " + config.queryLog(),
        rateLimit == null
            ? "no response rate limiting"
            : "response rate limiting at " + config.rrl().rate() + " a second");
    reloader.serving();
  }

  /**
   * The cookie secrets of the secret file, or a random secret of this process, said which in the
   * log.
   */
  private static CookieSecrets cookieSecrets(ServerConfig config) {
    Path file = config.cookies().secretFile();
    if (file == null) {
      log.info(
          "cookies: a random server secret for this process (no secret-file given): the other"
              + " servers of an anycast set will not accept the cookies it issues");
      return CookieSecrets.random();
    }
    try {
      CookieSecrets secrets = CookieSecrets.read(file);
      log.info(
          "cookies: server secret from {}{}",
          file,
          secrets.other() == null ? "" : ", and a second one accepted");
      return secrets;
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("cookies: secret-file: " + file + ": " + e.getMessage(), e);
    }
  }

  private static QueryLog queryLog(ServerConfig config) {
    if (config.queryLog() == 0) {
      return null;
    }
    try {
      return QueryLog.open(config.queryLog(), config.queryLogFile());
    } catch (UncheckedIOException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /**
   * What SIGHUP does: syncs the zones (and the configuration's zone policies), reopens the query
   * log file so that it can be rotated, and reads the cookie secret file again.
   */
  public void hangup() {
    if (queryLog != null) {
      queryLog.reopen();
    }
    rereadCookieSecret();
    var unused = reloader.sync("SIGHUP");
  }

  /**
   * Reads the cookie secret file again, so that a new secret takes over without a restart (RFC 9018
   * section 5); a file that cannot be read leaves the secret in use.
   */
  private void rereadCookieSecret() {
    Path file = config.cookies().secretFile();
    if (file == null) {
      return;
    }
    try {
      cookies.use(CookieSecrets.read(file));
      log.info("cookies: server secret read again from {}", file);
    } catch (IOException | IllegalArgumentException e) {
      log.warn("cookies: {}: {}; the secret read before stays in use", file, e.getMessage());
    }
  }

  /** Asks for a sync, as {@code POST /sync} does. */
  public SyncResult sync(String trigger) throws InterruptedException {
    try {
      return reloader.sync(trigger).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The DNS addresses bound, with the ports actually given (port 0 asks for one). */
  public List<InetSocketAddress> dnsAddresses() {
    return transport.boundAddresses();
  }

  /** The HTTP endpoint's address, with the port actually given. */
  public InetSocketAddress httpAddress() {
    return http.boundAddress();
  }

  /** What is served now: zones, GeoDNS and policies of one revision. */
  public ServingState servingState() {
    return state.current();
  }

  /** The metrics, for tests that read them without HTTP. */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** What the server runs with. */
  public ServerConfig config() {
    return config;
  }

  /** Blocks until the server is closed. */
  public void awaitClose() throws InterruptedException {
    transport.awaitClose();
  }

  /**
   * Stops, in this order: no more reloads, no more queries, no more health checks and scrapes, the
   * last query lines, the meters.
   */
  @Override
  public void close() {
    reloader.close();
    transport.close();
    transfers.close();
    if (rateLimit != null) {
      rateLimit.close();
    }
    geo.close();
    http.close();
    if (queryLog != null) {
      queryLog.close();
    }
    metrics.close();
  }
}
