package net.anycastdns.server.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import net.anycastdns.server.monitoring.HttpEndpoint;
import net.anycastdns.server.monitoring.LogFormat;
import net.anycastdns.server.monitoring.QueryLog;
import net.anycastdns.server.monitoring.Readiness;
import net.anycastdns.server.monitoring.ServerMetrics;
import net.anycastdns.server.query.GeoResolverHolder;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.ResponseAssembler;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.reload.DirectoryZoneSource;
import net.anycastdns.server.reload.GitZoneSource;
import net.anycastdns.server.reload.HangupSignal;
import net.anycastdns.server.reload.Reloader;
import net.anycastdns.server.reload.SafeUrl;
import net.anycastdns.server.reload.SerialPolicy;
import net.anycastdns.server.reload.ZoneSetLoader;
import net.anycastdns.server.reload.ZoneSource;
import net.anycastdns.server.transport.DnsServer;
import net.anycastdns.server.transport.QueryObserver;
import net.anycastdns.server.transport.ServerSettings;
import net.anycastdns.zones.ZoneSetHolder;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: loads the zones of a folder or a git repository and answers for them over UDP and
 * TCP, reloading them on SIGHUP, {@code POST /sync} and (git) every poll.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve every NAME.zone file of the zone folder (or git repository) as zone NAME.,",
      "over UDP and TCP, with GeoDNS for the services of its geo.yaml. SIGHUP and",
      "POST /sync reload; new zones are validated whole before they are swapped in.",
      "With no options: test-zones/ on 127.0.0.1:5353. Options override --config."
    })
final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  static final String DEFAULT_ZONES = "test-zones";
  static final String DEFAULT_LISTEN = "127.0.0.1:5353";
  static final int DEFAULT_EDNS_UDP_SIZE = 1232;
  static final String DEFAULT_TCP_IDLE = "10s";
  static final int DEFAULT_TCP_MAX_CONNECTIONS = 1000;

  /** The port CoreDNS serves its metrics on; loopback, so that exposing it is a choice. */
  static final String DEFAULT_HTTP = "127.0.0.1:9153";

  static final String DEFAULT_GIT_BRANCH = "main";
  static final String DEFAULT_GIT_POLL = "30s";

  @Option(
      names = "--zones",
      paramLabel = "DIR",
      description = "Folder of NAME.zone files (default: " + DEFAULT_ZONES + ").")
  Path zones;

  @Option(
      names = "--zones-git",
      paramLabel = "URL",
      description =
          "Serve the zones of a git repository instead (file://, ssh://, https://): "
              + "cloned into --git-dir, fetched every --git-poll and on POST /sync.")
  String zonesGit;

  @Option(
      names = "--git-branch",
      paramLabel = "BRANCH",
      description = "Branch to serve (default: " + DEFAULT_GIT_BRANCH + ").")
  String gitBranch;

  @Option(
      names = "--git-path",
      paramLabel = "SUBDIR",
      description = "Zone folder in the repository (default: its root).")
  String gitPath;

  @Option(
      names = "--git-poll",
      paramLabel = "DURATION",
      description =
          "Fetch the branch this often; 0s fetches on POST /sync and SIGHUP only "
              + "(default: "
              + DEFAULT_GIT_POLL
              + ").")
  String gitPoll;

  @Option(
      names = "--git-dir",
      paramLabel = "DIR",
      description =
          "Where the repository is kept, with the last commit served, which is served "
              + "when git cannot be reached at startup (default: ~/.cache/anycast-dns/git).")
  Path gitDir;

  @Option(
      names = "--serial-policy",
      paramLabel = "strict|warn",
      description =
          "On reload, a changed zone whose SOA serial did not increase (RFC 1982) "
              + "refuses the new zones (strict) or is logged and served (warn) (default: strict).")
  String serialPolicy;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "Address to serve UDP and TCP on; repeat for more. IPv6 as [ADDR]:PORT "
              + "(default: "
              + DEFAULT_LISTEN
              + ").")
  List<String> listen;

  @Option(
      names = "--config",
      paramLabel = "FILE.yaml",
      description = "YAML file with the same settings (keys as the option names without '--').")
  Path config;

  @Option(
      names = "--identity",
      paramLabel = "NAME",
      description =
          "Server identity answered in NSID and CHAOS TXT id.server./hostname.bind. "
              + "(default: the host name).")
  String identity;

  @Option(
      names = "--server-version",
      paramLabel = "TEXT",
      description =
          "Answer to CHAOS TXT version.bind./version.server. (default: anycast-dns VERSION).")
  String serverVersion;

  @Option(
      names = "--hide-version",
      arity = "0..1",
      paramLabel = "BOOL",
      description = "Refuse version.bind./version.server. queries.")
  Boolean hideVersion;

  @Option(
      names = "--edns-udp-size",
      paramLabel = "OCTETS",
      description =
          "Largest UDP response with EDNS, also advertised in OPT (default: "
              + DEFAULT_EDNS_UDP_SIZE
              + ", the DNS flag day 2020 value; 512 to 4096).")
  Integer ednsUdpSize;

  @Option(
      names = "--tcp-idle-timeout",
      paramLabel = "DURATION",
      description = "Close TCP connections idle this long (default: " + DEFAULT_TCP_IDLE + ").")
  String tcpIdleTimeout;

  @Option(
      names = "--tcp-max-connections",
      paramLabel = "N",
      description =
          "Most TCP connections open at once (default: " + DEFAULT_TCP_MAX_CONNECTIONS + ").")
  Integer tcpMaxConnections;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Event-loop threads, and UDP sockets per address with epoll (default: CPUs).")
  Integer threads;

  @Option(
      names = "--http",
      paramLabel = "HOST:PORT",
      description =
          "Address of the HTTP endpoint: /metrics (Prometheus), /health/live, "
              + "/health/ready (default: "
              + DEFAULT_HTTP
              + ").")
  String http;

  @Option(
      names = "--pop",
      paramLabel = "NAME",
      description =
          "This server's point of presence: first choice for GeoDNS clients of unknown "
              + "location, and a label on every metric (default: none).")
  String pop;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      description = "Log lines as text or as one JSON object each (default: text).")
  String logFormat;

  @Option(
      names = "--query-log",
      paramLabel = "N",
      description = "Log one query in N, counted per thread; 0 is off (default: 0).")
  Integer queryLog;

  @Override
  public Integer call() throws InterruptedException {
    ServeConfig file = config == null ? new ServeConfig() : ServeConfig.read(config);
    logFormat(file).apply();
    String gitUrl = gitUrl(file);
    Path zoneDir =
        gitUrl != null ? null : zones != null ? zones : Path.of(or(file.zones, DEFAULT_ZONES));
    List<InetSocketAddress> addresses =
        or(listen, or(file.listen, List.of(DEFAULT_LISTEN))).stream()
            .map(Addresses::parse)
            .toList();
    int udpSize = or(ednsUdpSize, or(file.ednsUdpSize, DEFAULT_EDNS_UDP_SIZE));
    if (udpSize < 512 || udpSize > 4096) {
      throw new Main.UsageException("edns-udp-size must be between 512 and 4096, not " + udpSize);
    }
    Duration idle =
        Durations.parse(
            "tcp-idle-timeout", or(tcpIdleTimeout, or(file.tcpIdleTimeout, DEFAULT_TCP_IDLE)));
    int maxConnections =
        or(tcpMaxConnections, or(file.tcpMaxConnections, DEFAULT_TCP_MAX_CONNECTIONS));
    int threadCount = or(threads, or(file.threads, Runtime.getRuntime().availableProcessors()));
    ServerSettings settings;
    try {
      settings = new ServerSettings(addresses, threadCount, idle, maxConnections);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
    InetSocketAddress httpAddress = Addresses.parse("http", or(http, or(file.http, DEFAULT_HTTP)));
    int queryLogRate = or(queryLog, or(file.queryLog, 0));
    if (queryLogRate < 0) {
      throw new Main.UsageException(
          "query-log must be 0 (off) or a positive N, not " + queryLogRate);
    }
    ServerIdentity id = identity(file);
    String popName = or(pop, or(file.pop, ""));
    SerialPolicy policy = serialPolicy(file);
    String pollText = or(gitPoll, or(file.gitPoll, DEFAULT_GIT_POLL));
    Duration poll = Durations.parse("git-poll", pollText);
    Path repoDir =
        gitDir != null ? gitDir : file.gitDir != null ? Path.of(file.gitDir) : defaultGitDir();
    if (gitUrl == null) {
      requireNoGitSettings(file);
      requireFolder(zoneDir);
    }

    log.info(
        "starting anycast-dns {} as '{}'{}",
        Main.version(),
        id.identity(),
        popName.isEmpty() ? "" : " at PoP '" + popName + "'");
    ZoneSource source =
        gitUrl == null
            ? new DirectoryZoneSource(zoneDir)
            : openGit(
                gitUrl,
                or(gitBranch, or(file.gitBranch, DEFAULT_GIT_BRANCH)),
                or(gitPath, or(file.gitPath, "")),
                repoDir);
    ZoneSetHolder holder = new ZoneSetHolder();
    ServerMetrics metrics = new ServerMetrics(id.identity(), popName);
    QueryLog queries = queryLogRate > 0 ? QueryLog.toLogger(queryLogRate) : null;
    QueryObserver observer = metrics;
    if (queries != null) {
      metrics.watch(queries);
      observer = QueryObserver.both(metrics, queries);
    }
    Readiness readiness = new Readiness(holder);
    GeoResolverHolder geo = new GeoResolverHolder();
    GeoServing geoServing = new GeoServing(geo, metrics, popName.isEmpty() ? null : popName);
    // GeoDNS hears of a new state before the zone set is swapped, as the metrics do.
    Reloader reloader =
        new Reloader(
            source,
            new ZoneSetLoader(policy, popName.isEmpty() ? null : popName),
            holder,
            List.of(metrics, geoServing, readiness),
            Clock.systemUTC());
    HttpEndpoint endpoint = new HttpEndpoint(httpAddress, metrics, readiness, reloader);
    QueryProcessor processor = new QueryProcessor(holder, geo, new ResponseAssembler(id, udpSize));
    DnsServer server = new DnsServer(settings, processor, observer);
    metrics.watch(server);
    // In this order: no more reloads, no more queries, no more scrapes, the last query lines,
    // the meters.
    Runnable stop =
        () -> {
          reloader.close();
          server.close();
          geoServing.close();
          endpoint.close();
          if (queries != null) {
            queries.close();
          }
          metrics.close();
        };
    try {
      // The endpoint comes first, so that /health/ready says 503 while the zones load.
      endpoint.start();
      reloader.start();
      if (queries != null) {
        queries.start();
      }
      server.start();
    } catch (DnsServer.ListenException e) {
      stop.run();
      throw new Main.UsageException(e.getMessage());
    } catch (Reloader.StartupException e) {
      stop.run();
      throw new Main.UsageException(
          e.getMessage()
              + (gitUrl == null
                  ? ""
                  : "; and " + repoDir + " holds no commit served before to fall back on"));
    } catch (RuntimeException e) {
      stop.run();
      throw e;
    }
    readiness.listening();
    if (gitUrl != null && !poll.isZero()) {
      reloader.poll(poll);
    }
    HangupSignal.onHangup(reloader);
    log.info(
        "serving as '{}' ({} threads{}){}",
        id.identity(),
        threadCount,
        queries == null ? "" : ", logging 1 query in " + queryLogRate,
        gitUrl == null
            ? "; SIGHUP or POST /sync reloads " + zoneDir
            : poll.isZero() ? "; POST /sync or SIGHUP fetches" : "; fetching every " + pollText);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down");
                  stop.run();
                },
                "shutdown"));
    server.awaitClose();
    return 0;
  }

  /**
   * The git URL to serve, or null for a zone folder. One of the two is served: given both as flags,
   * or both in the file, is a mistake; a flag of either kind wins over the file's.
   */
  private String gitUrl(ServeConfig file) {
    if (zones != null && zonesGit != null) {
      throw new Main.UsageException("--zones and --zones-git are mutually exclusive: give one");
    }
    if (zones == null && zonesGit == null && file.zones != null && file.zonesGit != null) {
      throw new Main.UsageException(
          config + ": zones and zones-git are mutually exclusive: give one");
    }
    String url = zonesGit != null ? zonesGit : zones != null ? null : file.zonesGit;
    if (url != null) {
      try {
        new URIish(url);
      } catch (URISyntaxException e) {
        throw new Main.UsageException("zones-git: not a git URL: '" + new SafeUrl(url) + "'");
      }
    }
    return url;
  }

  /** Settings of git given without a repository are a mistake, not something to ignore. */
  private void requireNoGitSettings(ServeConfig file) {
    String[][] given = {
      {"git-branch", or(gitBranch, file.gitBranch)},
      {"git-path", or(gitPath, file.gitPath)},
      {"git-poll", or(gitPoll, file.gitPoll)},
      {"git-dir", gitDir != null ? gitDir.toString() : file.gitDir},
    };
    for (String[] g : given) {
      if (g[1] != null) {
        throw new Main.UsageException(g[0] + " is for zones from git: give --zones-git URL too");
      }
    }
  }

  private SerialPolicy serialPolicy(ServeConfig file) {
    String p = or(serialPolicy, or(file.serialPolicy, "strict"));
    return switch (p) {
      case "strict" -> SerialPolicy.STRICT;
      case "warn" -> SerialPolicy.WARN;
      default ->
          throw new Main.UsageException("serial-policy must be strict or warn, not '" + p + "'");
    };
  }

  private static GitZoneSource openGit(String url, String branch, String path, Path dir) {
    try {
      return GitZoneSource.open(url, branch, path, dir);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("git-branch: " + e.getMessage());
    } catch (IOException e) {
      throw new Main.UsageException("git-dir: " + e.getMessage());
    }
  }

  /** {@code $XDG_CACHE_HOME/anycast-dns/git}, or {@code ~/.cache/anycast-dns/git}. */
  private static Path defaultGitDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isEmpty()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("anycast-dns").resolve("git");
  }

  private LogFormat logFormat(ServeConfig file) {
    try {
      return LogFormat.parse(or(logFormat, or(file.logFormat, "text")));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  private ServerIdentity identity(ServeConfig file) {
    String name = or(identity, or(file.identity, hostName()));
    boolean hidden = or(hideVersion, or(file.hideVersion, false));
    String version = or(serverVersion, or(file.serverVersion, "anycast-dns " + Main.version()));
    if (name.getBytes(StandardCharsets.UTF_8).length > 255
        || version.getBytes(StandardCharsets.UTF_8).length > 255) {
      throw new Main.UsageException("identity and server-version may be at most 255 octets long");
    }
    return new ServerIdentity(name, hidden ? null : version);
  }

  /** Settings are checked before anything starts, so that a mistake is one line and no more. */
  private static void requireFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new Main.UsageException(
          "zone folder "
              + dir.toAbsolutePath()
              + " is not a folder"
              + (dir.toString().equals(DEFAULT_ZONES)
                  ? " (run from the repository root, or give --zones DIR)"
                  : ""));
    }
  }

  private static String hostName() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux: ask the resolver library instead
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "anycast-dns";
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
