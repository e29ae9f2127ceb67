package net.anycastdns.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.server.NameServer;
import net.anycastdns.server.config.ServerConfigReader;
import net.anycastdns.server.reload.HangupSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: turns the command line into a configuration ({@link ServerConfigReader}: the file,
 * with the flags given laid over it) and runs a {@link NameServer} on it until SIGTERM; SIGHUP
 * reloads. Each flag is a key of the configuration file, read and checked there; this class only
 * describes them.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    defaultValueProvider = ServeCommand.Defaults.class,
    description =
        "Serve every NAME.zone file of the zone folder (or git repository) as zone NAME. over UDP"
            + " and TCP, with GeoDNS for the services of its geo.yaml. SIGHUP and POST /sync"
            + " reload; new zones are validated whole before they are swapped in. With no"
            + " options: test-zones/ on 127.0.0.1:5353. Each option is also a key of the"
            + " --config file, which the option overrides.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Option(
      names = "--config",
      paramLabel = "FILE.yaml",
      description = "YAML file with these settings and more (zone-settings); keys as the options.")
  Path config;

  @Option(
      names = "--print-config",
      description = "Print the settings in effect (file, options and defaults) as YAML, and exit.")
  boolean printConfig;

  @Option(
      names = "--zones",
      paramLabel = "DIR",
      description = "Folder of NAME.zone files (default: ${DEFAULT-VALUE}).")
  String zones;

  @Option(
      names = "--zones-git",
      paramLabel = "URL",
      description =
          "Serve the zones of a git repository instead (a file, ssh or https URL): cloned into"
              + " --git-dir, fetched every --git-poll and on POST /sync.")
  String zonesGit;

  @Option(
      names = "--git-branch",
      paramLabel = "BRANCH",
      description = "Branch to serve (default: main).")
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
          "Fetch the branch this often; 0s fetches on POST /sync and SIGHUP only (default: 30s).")
  String gitPoll;

  @Option(
      names = "--git-dir",
      paramLabel = "DIR",
      description =
          "Where the repository is kept, with the last commit served, which is served when git"
              + " cannot be reached at startup (default: anycast-dns/git in the user's cache"
              + " folder, XDG_CACHE_HOME or HOME/.cache).")
  String gitDir;

  @Option(
      names = "--serial-policy",
      paramLabel = "strict|warn",
      description =
          "On reload, a changed zone whose SOA serial did not increase (RFC 1982) refuses the new"
              + " zones (strict) or is logged and served (warn) (default: ${DEFAULT-VALUE}).")
  String serialPolicy;

  @Option(
      names = "--dnssec-keys",
      paramLabel = "DIR",
      description =
          "Sign every zone that has keys in this folder (BIND key pairs, K<zone>.+<alg>+<tag>.key"
              + " and .private), read again on every reload; the dnssec section of the"
              + " configuration file says how (default: no folder, no zone is signed here).")
  String dnssecKeys;

  @Option(
      names = "--listen",
      paramLabel = "ADDRESS:PORT",
      description =
          "Address to serve UDP and TCP on; repeat for more. IPv6 as [ADDRESS]:PORT (default:"
              + " ${DEFAULT-VALUE}).")
  List<String> listen;

  @Option(
      names = "--identity",
      paramLabel = "NAME",
      description =
          "Server identity, answered in NSID and to the CHAOS TXT queries for id.server and"
              + " hostname.bind (default: the host name).")
  String identity;

  @Option(
      names = "--server-version",
      paramLabel = "TEXT",
      description =
          "Answer to the CHAOS TXT queries for version.bind and version.server (default:"
              + " ${DEFAULT-VALUE}).")
  String serverVersion;

  @Option(
      names = "--hide-version",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Refuse the CHAOS TXT queries for the version.")
  String hideVersion;

  @Option(
      names = "--edns-udp-size",
      paramLabel = "OCTETS",
      description =
          "Largest UDP response with EDNS, also advertised in OPT; 512 to 4096 (default:"
              + " ${DEFAULT-VALUE}, the DNS flag day 2020 value).")
  String ednsUdpSize;

  @Option(
      names = "--tcp-idle-timeout",
      paramLabel = "DURATION",
      description = "Close TCP connections idle this long (default: ${DEFAULT-VALUE}).")
  String tcpIdleTimeout;

  @Option(
      names = "--tcp-max-connections",
      paramLabel = "N",
      description = "Most TCP connections open at once (default: ${DEFAULT-VALUE}).")
  String tcpMaxConnections;

  @Option(
      names = "--rrl-rate",
      paramLabel = "N",
      description =
          "Response rate limiting: UDP responses a second of one kind (name and type, NXDOMAIN of a"
              + " zone, referral, errors) to one client netblock; 0 is off (default:"
              + " ${DEFAULT-VALUE}).")
  String rrlRate;

  @Option(
      names = "--rrl-slip",
      paramLabel = "N",
      description =
          "Of the responses over the rate, send every N-th truncated (TC) so that real clients ask"
              + " again over TCP, drop the others; 1 truncates all, 0 drops all (default:"
              + " ${DEFAULT-VALUE}).")
  String rrlSlip;

  @Option(
      names = "--cookie-secret-file",
      paramLabel = "FILE",
      description =
          "DNS cookies: the server secret shared by the anycast set, 32 hex digits, and optionally"
              + " a second line with another secret still accepted; read again on SIGHUP (default:"
              + " a random secret of this process).")
  String cookieSecretFile;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Event-loop threads, and UDP sockets per address with epoll (default: the CPUs,"
              + " ${DEFAULT-VALUE} here).")
  String threads;

  @Option(
      names = "--http",
      paramLabel = "ADDRESS:PORT",
      description =
          "Address of the HTTP endpoint: /metrics (Prometheus), /health/live, /health/ready,"
              + " POST /sync (default: ${DEFAULT-VALUE}).")
  String http;

  @Option(
      names = "--pop",
      paramLabel = "NAME",
      description =
          "This server's point of presence: first choice for GeoDNS clients of unknown location,"
              + " and a label on every metric (default: none).")
  String pop;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      description = "Log lines as text or as one JSON object each (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(
      names = "--query-log",
      paramLabel = "N",
      description = "Log one query in N, counted per thread; 0 is off (default: ${DEFAULT-VALUE}).")
  String queryLog;

  @Option(
      names = "--query-log-file",
      paramLabel = "FILE",
      description =
          "Write the query log to this file, reopened on SIGHUP for rotation (default: the event"
              + " log, standard error).")
  String queryLogFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ConfigException, InterruptedException {
    Map<String, List<String>> flags = flags();
    ServerConfigReader.Loaded loaded = CommandLineFlags.read(spec, config, flags);
    if (printConfig) {
      spec.commandLine().getOut().print(yaml(loaded.effective()));
      spec.commandLine().getOut().flush();
      return 0;
    }
    NameServer server = NameServer.start(loaded, () -> ServerConfigReader.read(config, flags));
    boolean hangup = HangupSignal.onHangup(server::hangup);
    log.info(
        "{} reloads{}",
        hangup ? "SIGHUP or POST /sync" : "POST /sync",
        config == null ? "" : " the zones and the zone-settings of " + config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down");
                  server.close();
                },
                "shutdown"));
    server.awaitClose();
    return 0;
  }

  /** The configuration this command line asks for: the file, if any, with the flags over it. */
  ServerConfigReader.Loaded configuration() throws ConfigException {
    return CommandLineFlags.read(spec, config, flags());
  }

  private Map<String, List<String>> flags() {
    return CommandLineFlags.given(spec, "config", "print-config");
  }

  /** The effective settings as YAML, in the order of the keys. */
  static String yaml(Map<String, Object> settings) {
    try {
      return new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("settings cannot be written as YAML", e);
    }
  }

  /** Shows each option's default, as the configuration reader has it, in {@code --help}. */
  static final class Defaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, Object> defaults = ServerConfigReader.defaults();

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
      if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
        return null;
      }
      Object v = ServerConfigReader.flagValue(defaults, option.longestName().substring(2));
      return v instanceof List<?> list
          ? String.join(", ", list.stream().map(String::valueOf).toList())
          : v == null ? null : String.valueOf(v);
    }
  }
}
