package net.anycastdns.server.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.anycastdns.common.ByteSizes;
import net.anycastdns.common.Durations;
import net.anycastdns.common.HostPort;
import net.anycastdns.common.IpPrefix;
import net.anycastdns.common.cli.ManifestVersion;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import net.anycastdns.common.yaml.YamlReader;
import net.anycastdns.common.yaml.YamlTree;
import net.anycastdns.common.yaml.YamlTree.Mapping;
import net.anycastdns.common.yaml.YamlTree.Node;
import net.anycastdns.common.yaml.YamlTree.Scalar;
import net.anycastdns.server.cookies.CookieSecrets;
import net.anycastdns.server.monitoring.LogFormat;
import net.anycastdns.server.tsig.TsigKey;
import net.anycastdns.server.tsig.TsigKeyring;
import net.anycastdns.zones.SigningPolicy;
import org.eclipse.jgit.transport.URIish;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Reads the configuration of {@code serve} and {@code check}: the YAML file, with the flags given
 * on the command line laid over it (a flag wins over the file's key of the same name). This is the
 * one place where each key is named, its default written and its value checked; every problem is
 * reported with where it stands ({@code serve.yaml:7: tcp-idle-timeout: bad duration 'soon'...}, or
 * {@code --threads: ...} for a flag), all of them at once.
 *
 * <p>As it reads, it notes the value each key ends up with, default or given, so that {@code
 * --print-config} shows exactly what the server runs with.
 */
public final class ServerConfigReader extends YamlReader {
  /** The keys of the file's top level, in the order {@code --print-config} shows them. */
  public static final List<String> KEYS =
      List.of(
          "zones",
          "zones-git",
          "git-branch",
          "git-path",
          "git-poll",
          "git-dir",
          "listen",
          "identity",
          "server-version",
          "hide-version",
          "edns-udp-size",
          "tcp-idle-timeout",
          "tcp-max-connections",
          "tcp-max-connections-per-client",
          "tcp-max-in-flight",
          "tcp-slow-reader-timeout",
          "tcp-buffer-memory",
          "threads",
          "http",
          "pop",
          "log-format",
          "query-log",
          "query-log-file",
          "tsig-keys",
          "ixfr-history",
          "rrl",
          "cookies",
          "serial-policy",
          "transfer",
          "dnssec",
          "zone-settings");

  /** The keys a zone may set for itself under {@code zone-settings: {NAME: ...}}. */
  public static final List<String> ZONE_KEYS = List.of("serial-policy", "transfer", "dnssec");

  /**
   * The keys a reload reads again and applies ({@link ZonePolicies}); a change to any other key
   * takes a restart.
   */
  public static final List<String> RELOADABLE_KEYS =
      List.of("serial-policy", "transfer", "tsig-keys", "dnssec", "zone-settings");

  /** The keys of {@code transfer: {...}}. */
  private static final List<String> TRANSFER_KEYS = List.of("allow", "notify");

  /** The keys of one {@code tsig-keys} entry. */
  private static final List<String> TSIG_KEY_KEYS =
      List.of("name", "algorithm", "secret", "secret-file");

  /** How {@code --print-config} shows a secret. */
  private static final String HIDDEN = "(hidden)";

  /** The keys of the {@code dnssec} section a zone may set for itself. */
  private static final List<String> DNSSEC_ZONE_KEYS =
      List.of("denial", "nsec3-iterations", "nsec3-salt", "nsec3-opt-out", "signature-validity");

  /** The keys of the top-level {@code dnssec} section: the key folder, and each zone's keys. */
  private static final List<String> DNSSEC_KEYS =
      Stream.concat(Stream.of("keys"), DNSSEC_ZONE_KEYS.stream()).toList();

  private static final List<String> GIT_KEYS =
      List.of("git-branch", "git-path", "git-poll", "git-dir");

  /** PoP names as geo.yaml takes them; also a label value on every metric. */
  private static final Pattern POP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** The folder served when none is given: the repository's sample zones. */
  static final String DEFAULT_ZONES = "test-zones";

  /**
   * Options for keys inside a section, by option name without its dashes: {@code --rrl-rate} is
   * {@code rrl: {rate: ...}}. Every other option is the top-level key of its name.
   */
  private static final Map<String, String> NESTED_FLAGS =
      Map.of(
          "rrl-rate", "rrl.rate",
          "rrl-slip", "rrl.slip",
          "cookie-secret-file", "cookies.secret-file",
          "dnssec-keys", "dnssec.keys");

  /** The keys of {@code rrl: {...}}. */
  private static final List<String> RRL_KEYS =
      List.of("rate", "slip", "window", "ipv4-prefix", "ipv6-prefix", "exempt");

  /**
   * Clients RRL never limits unless told otherwise: loopback, which no packet from the network can
   * claim to come from (the kernel drops them), and where local tools (the BGP sidecar's probe, a
   * benchmark) ask from.
   */
  private static final List<String> RRL_EXEMPT = List.of("127.0.0.0/8", "::1/128");

  /** Which flag a node of the command line came from, to say so in its problems. */
  private final Map<Node, String> flagNodes = new IdentityHashMap<>();

  /** Each key's value as the server will use it, for {@code --print-config}. */
  private final Map<String, Object> effective = new LinkedHashMap<>();

  private ServerConfigReader(String file) {
    super(file);
  }

  /**
   * The configuration read.
   *
   * @param config the settings
   * @param effective every key with the value the server uses, as {@code --print-config} shows it
   */
  public record Loaded(ServerConfig config, Map<String, Object> effective) {}

  /**
   * Reads {@code file} (none: every key at its default) with {@code flags} laid over it.
   *
   * @param flags values given on the command line, by option name without its dashes
   * @throws ConfigException with every problem found
   */
  public static Loaded read(Path file, Map<String, List<String>> flags) throws ConfigException {
    byte[] yaml = null;
    if (file != null) {
      try {
        yaml = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new ConfigException(
            List.of(new ConfigProblem(file.toString(), 0, "cannot read: " + e.getMessage())));
      }
    }
    return read(file == null ? "command line" : file.toString(), yaml, flags);
  }

  /** Reads a configuration given as text (a test's); {@code fileName} names it in problems. */
  public static Loaded read(String fileName, byte[] yaml, Map<String, List<String>> flags)
      throws ConfigException {
    ServerConfigReader r = new ServerConfigReader(fileName);
    ServerConfig config = r.readAll(yaml, flags);
    r.finish();
    return new Loaded(config, r.effective);
  }

  /**
   * The keys whose values differ between {@code before} and {@code after} but do not take effect
   * before a restart.
   */
  public static List<String> changedForRestart(Loaded before, Loaded after) {
    return KEYS.stream()
        .filter(k -> !RELOADABLE_KEYS.contains(k))
        .filter(k -> !java.util.Objects.equals(before.effective().get(k), after.effective().get(k)))
        .toList();
  }

  /**
   * The value of the key an option names ({@code --rrl-rate} is {@code rrl: {rate}}) in {@code
   * settings}, a map of keys to values as {@link #defaults} makes it; null when there is none.
   */
  public static Object flagValue(Map<String, Object> settings, String flag) {
    Object v = settings;
    for (String key : NESTED_FLAGS.getOrDefault(flag, flag).split("\\.")) {
      v = v instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return v;
  }

  /** Each key's default, as {@code --help} shows it; problems (a missing folder) do not matter. */
  public static Map<String, Object> defaults() {
    ServerConfigReader r = new ServerConfigReader("defaults");
    r.readAll(null, Map.of());
    return r.effective;
  }

  private ServerConfig readAll(byte[] yaml, Map<String, List<String>> flags) {
    Mapping root = yaml == null ? new Mapping(1, Map.of()) : root(yaml, KEYS);
    if (root == null) {
      return null;
    }
    root = overlay(root, flags);
    unknownKeys(root, "at the top level", KEYS);
    SourceConfig source = source(root);
    List<InetSocketAddress> listen = listen(root);
    String identity = setting(root, "identity", hostName(), n -> text(n, "identity"), s -> s);
    Boolean hidden = setting(root, "hide-version", false, n -> bool(n, "hide-version"), b -> b);
    String version =
        setting(
            root,
            "server-version",
            "anycast-dns " + ManifestVersion.of(ServerConfigReader.class),
            n -> text(n, "server-version"),
            s -> s);
    Integer udp = intSetting(root, "edns-udp-size", 1232, 512, 4096);
    Duration idle = durationSetting(root, "tcp-idle-timeout", Duration.ofSeconds(10), false);
    Integer maxConnections = intSetting(root, "tcp-max-connections", 1000, 1, Integer.MAX_VALUE);
    Integer perClient =
        intSetting(root, "tcp-max-connections-per-client", 50, 1, Integer.MAX_VALUE);
    Integer inFlight = intSetting(root, "tcp-max-in-flight", 100, 1, 65_535);
    Duration slowReader =
        durationSetting(root, "tcp-slow-reader-timeout", Duration.ofSeconds(5), false);
    Long bufferMemory =
        setting(
            root,
            "tcp-buffer-memory",
            64L << 20,
            n -> parsed(n, "tcp-buffer-memory", ByteSizes::parse),
            ByteSizes::format);
    Integer threads =
        intSetting(root, "threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
    InetSocketAddress http =
        setting(
            root,
            "http",
            // The port CoreDNS serves its metrics on; loopback, so that exposing it is a choice.
            HostPort.parse("127.0.0.1:9153", -1),
            n -> parsed(n, "http", s -> HostPort.parse(s, -1)),
            HostPort::format);
    String pop = setting(root, "pop", null, this::pop, s -> s);
    LogFormat logFormat =
        setting(
            root,
            "log-format",
            LogFormat.TEXT,
            n -> {
              String s = oneOf(n, "log-format", List.of("text", "json"));
              return s == null ? null : LogFormat.valueOf(s.toUpperCase(Locale.ROOT));
            },
            f -> f.name().toLowerCase(Locale.ROOT));
    Integer queryLog = intSetting(root, "query-log", 0, 0, Integer.MAX_VALUE);
    Path queryLogFile =
        setting(
            root,
            "query-log-file",
            null,
            n -> parsed(n, "query-log-file", Path::of),
            Path::toString);
    TsigKeyring keys = tsigKeys(value(root, "tsig-keys"));
    Integer ixfrHistory = intSetting(root, "ixfr-history", 10, 0, 1000);
    ZonePolicy policy = zonePolicy(root, ZonePolicy.DEFAULTS, effective, "", keys);
    Path dnssecKeys = keyFolder(root);
    Map<Name, ZonePolicy> zoneSettings = zoneSettings(value(root, "zone-settings"), policy, keys);
    RrlConfig rrl = rrl(value(root, "rrl"));
    CookieConfig cookies = cookies(value(root, "cookies"));
    if (failed()) {
      return null;
    }
    return new ServerConfig(
        source,
        listen,
        identity,
        hidden ? null : version,
        udp,
        idle,
        maxConnections,
        perClient,
        inFlight,
        slowReader,
        bufferMemory,
        threads,
        http,
        pop,
        logFormat,
        queryLog,
        queryLogFile,
        rrl,
        cookies,
        new ZonePolicies(policy, zoneSettings, keys, dnssecKeys),
        ixfrHistory);
  }

  // ---- sections

  /** A zone folder, or a git repository with its settings; one of the two. */
  private SourceConfig source(Mapping root) {
    Node folder = value(root, "zones");
    Node git = value(root, "zones-git");
    if (folder != null && git != null) {
      problem(git, "zones and zones-git are mutually exclusive: give one");
      return null;
    }
    if (git == null) {
      for (String key : GIT_KEYS) {
        Node n = value(root, key);
        if (n != null) {
          problem(n, key + " is for zones from git: give zones-git too");
        }
      }
      Path dir =
          setting(
              root,
              "zones",
              Path.of(DEFAULT_ZONES),
              n -> parsed(n, "zones", Path::of),
              Path::toString);
      if (dir != null && !Files.isDirectory(dir)) {
        problem(
            folder == null ? flagProblemNode("zones") : folder,
            "zone folder "
                + dir.toAbsolutePath()
                + " is not a folder"
                + (folder == null ? " (run from the repository root, or give --zones DIR)" : ""));
      }
      return dir == null ? null : new SourceConfig.Folder(dir);
    }
    String url = scalar(git, "zones-git");
    if (url != null) {
      try {
        new URIish(url);
      } catch (URISyntaxException e) {
        problem(git, "zones-git: not a git URL: '" + new SafeUrl(url) + "'");
        url = null;
      }
    }
    if (url != null) {
      effective.put("zones-git", new SafeUrl(url).toString());
    }
    String branch = setting(root, "git-branch", "main", n -> text(n, "git-branch"), s -> s);
    String path = setting(root, "git-path", "", n -> text(n, "git-path"), s -> s);
    Duration poll = durationSetting(root, "git-poll", Duration.ofSeconds(30), true);
    Path dir =
        setting(
            root, "git-dir", defaultGitDir(), n -> parsed(n, "git-dir", Path::of), Path::toString);
    if (url == null || branch == null || path == null || poll == null || dir == null) {
      return null;
    }
    return new SourceConfig.Git(url, branch, path, poll, dir);
  }

  private List<InetSocketAddress> listen(Mapping root) {
    Node node = value(root, "listen");
    List<InetSocketAddress> out = new ArrayList<>();
    if (node == null) {
      out.add(HostPort.parse("127.0.0.1:5353", -1));
    } else {
      for (Node item : list(node, "listen")) {
        out.add(parsed(item, "listen", s -> HostPort.parse(s, -1)));
      }
      if (out.isEmpty()) {
        problem(node, "listen needs at least one address");
      }
    }
    effective.put("listen", out.stream().map(a -> a == null ? null : HostPort.format(a)).toList());
    return out.contains(null) ? null : out;
  }

  /**
   * The mapping of the section {@code key} ({@code node}: none is an empty one), its unknown keys
   * reported; what the server runs with goes into {@code shown}, for {@code --print-config}.
   */
  private Mapping section(Node node, String key, List<String> keys, Map<String, Object> shown) {
    effective.put(key, shown);
    Mapping m = mapping(node, key);
    if (m == null) {
      m = new Mapping(0, Map.of());
    }
    unknownKeys(m, "in " + key, keys);
    return m;
  }

  /** {@code rrl: {rate, slip, window, ipv4-prefix, ipv6-prefix, exempt}}. */
  private RrlConfig rrl(Node node) {
    Map<String, Object> shown = new LinkedHashMap<>();
    Mapping m = section(node, "rrl", RRL_KEYS, shown);
    // 50 a second of one kind: see the README's "Response rate limiting" for why.
    Integer rate = intSetting(m, shown, "rate", "rrl: rate", 50, 0, 1_000_000);
    Integer slip = intSetting(m, shown, "slip", "rrl: slip", 2, 0, 100);
    Duration window =
        setting(
            m,
            shown,
            "window",
            Duration.ofSeconds(15),
            n -> {
              Duration d = duration(n, "rrl: window", false);
              if (d != null && (d.toMillis() % 1000 != 0 || d.toSeconds() > 3600)) {
                problem(n, "rrl: window must be whole seconds, from 1s to 1h");
                return null;
              }
              return d;
            },
            Durations::format);
    Integer ipv4 = intSetting(m, shown, "ipv4-prefix", "rrl: ipv4-prefix", 24, 0, 32);
    Integer ipv6 = intSetting(m, shown, "ipv6-prefix", "rrl: ipv6-prefix", 56, 0, 64);
    List<IpPrefix> exempt = new ArrayList<>();
    Node exemptNode = value(m, "exempt");
    if (exemptNode == null) {
      RRL_EXEMPT.forEach(p -> exempt.add(IpPrefix.parse(p)));
    } else {
      for (Node item : list(exemptNode, "rrl: exempt")) {
        exempt.add(parsed(item, "rrl: exempt", IpPrefix::parse));
      }
    }
    shown.put("exempt", exempt.stream().map(p -> p == null ? null : p.toString()).toList());
    if (rate == null
        || slip == null
        || window == null
        || ipv4 == null
        || ipv6 == null
        || exempt.contains(null)) {
      return null;
    }
    return new RrlConfig(rate, slip, window, ipv4, ipv6, exempt);
  }

  /** {@code cookies: {secret-file}}; the file is read here too, so that its problems show now. */
  private CookieConfig cookies(Node node) {
    Map<String, Object> shown = new LinkedHashMap<>();
    Mapping m = section(node, "cookies", List.of("secret-file"), shown);
    Node fileNode = value(m, "secret-file");
    Path file =
        setting(
            m,
            shown,
            "secret-file",
            null,
            n -> parsed(n, "cookies: secret-file", ServerConfigReader::secretFile),
            Path::toString);
    return fileNode != null && file == null ? null : new CookieConfig(file);
  }

  private static Path secretFile(String name) {
    Path file = Path.of(name);
    try {
      CookieSecrets.read(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " cannot be read: " + e, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /**
   * The zone policy of a mapping (the top level, or one zone's settings), each setting not given
   * taken from {@code inherited}.
   */
  private ZonePolicy zonePolicy(
      Mapping m, ZonePolicy inherited, Map<String, Object> shown, String what, TsigKeyring keys) {
    SerialPolicy serial =
        setting(
            m,
            shown,
            "serial-policy",
            inherited.serialPolicy(),
            n -> {
              String s = oneOf(n, what + "serial-policy", List.of("strict", "warn"));
              return s == null ? null : SerialPolicy.valueOf(s.toUpperCase(Locale.ROOT));
            },
            p -> p.name().toLowerCase(Locale.ROOT));
    TransferPolicy transfer =
        transfer(value(m, "transfer"), inherited.transfer(), shown, what, keys);
    Map<String, Object> signingShown = new LinkedHashMap<>();
    Mapping dnssec = mapping(value(m, "dnssec"), what + "dnssec");
    SigningPolicy signing = signingPolicy(dnssec, inherited.signing(), signingShown, what);
    if (value(m, "dnssec") != null || what.isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> section =
          (Map<String, Object>) shown.computeIfAbsent("dnssec", k -> new LinkedHashMap<>());
      section.putAll(signingShown);
    }
    return serial == null || transfer == null || signing == null
        ? null
        : new ZonePolicy(serial, transfer, signing);
  }

  /**
   * The signing settings of a {@code dnssec} section (the top level's, or a zone's), each one not
   * given taken from {@code inherited}.
   */
  private SigningPolicy signingPolicy(
      Mapping m, SigningPolicy inherited, Map<String, Object> shown, String what) {
    if (m != null) {
      unknownKeys(m, "in " + what + "dnssec", what.isEmpty() ? DNSSEC_KEYS : DNSSEC_ZONE_KEYS);
    }
    Mapping section = m == null ? new Mapping(0, Map.of()) : m;
    String p = what + "dnssec: ";
    Boolean nsec3 =
        setting(
            section,
            shown,
            "denial",
            inherited.nsec3(),
            n -> {
              String s = oneOf(n, p + "denial", List.of("nsec", "nsec3"));
              return s == null ? null : s.equals("nsec3");
            },
            b -> b ? "nsec3" : "nsec");
    Integer iterations =
        setting(
            section,
            shown,
            "nsec3-iterations",
            inherited.nsec3Iterations(),
            n -> {
              Long v = integer(n, p + "nsec3-iterations", 0, SigningPolicy.MAX_ITERATIONS);
              return v == null ? null : v.intValue();
            },
            v -> v);
    String salt =
        setting(
            section,
            shown,
            "nsec3-salt",
            inherited.nsec3Salt(),
            n -> salt(n, p + "nsec3-salt"),
            s -> s.isEmpty() ? "-" : s);
    Boolean optOut =
        setting(
            section,
            shown,
            "nsec3-opt-out",
            inherited.nsec3OptOut(),
            n -> bool(n, p + "nsec3-opt-out"),
            b -> b);
    Duration validity =
        setting(
            section,
            shown,
            "signature-validity",
            inherited.validity(),
            n -> validity(n, p + "signature-validity"),
            ServerConfigReader::formatValidity);
    if (nsec3 == null || iterations == null || salt == null || optOut == null || validity == null) {
      return null;
    }
    return new SigningPolicy(nsec3, iterations, salt, optOut, validity);
  }

  /**
   * A signature validity: a duration, or whole days ({@code 14d}), the unit signers' settings use;
   * at least {@link SigningPolicy#MIN_VALIDITY}.
   */
  private Duration validity(Node n, String what) {
    String s = scalar(n, what);
    Duration d;
    if (s != null && s.matches("\\d{1,5}d")) {
      d = Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1)));
    } else {
      d = duration(n, what, false);
    }
    if (d != null && d.compareTo(SigningPolicy.MIN_VALIDITY) < 0) {
      problem(n, what + " must be at least " + Durations.format(SigningPolicy.MIN_VALIDITY));
      return null;
    }
    return d;
  }

  private static String formatValidity(Duration d) {
    return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : Durations.format(d);
  }

  /** An NSEC3 salt: hexadecimal, at most 255 octets, or {@code -} for none (RFC 5155 3.3). */
  private String salt(Node n, String what) {
    String s = scalar(n, what);
    if (s == null) {
      return null;
    }
    if (s.equals("-")) {
      return "";
    }
    if (!s.matches("([0-9A-Fa-f]{2}){1,255}")) {
      problem(
          n,
          what + ": not a salt in hexadecimal of at most 255 octets, or - for none: '" + s + "'");
      return null;
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** The key folder of {@code dnssec: {keys: DIR}}, or null when no zone is signed here. */
  private Path keyFolder(Mapping root) {
    // The section's shape was checked with its other settings (zonePolicy).
    Node section = value(root, "dnssec");
    Node node = section instanceof Mapping dnssec ? value(dnssec, "keys") : null;
    Path dir = node == null ? null : parsed(node, "dnssec: keys", Path::of);
    if (dir != null && !Files.isDirectory(dir)) {
      problem(node, "dnssec: keys: key folder " + dir.toAbsolutePath() + " is not a folder");
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> shown =
        (Map<String, Object>) effective.computeIfAbsent("dnssec", k -> new LinkedHashMap<>());
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("keys", dir == null ? null : dir.toString());
    ordered.putAll(shown);
    effective.put("dnssec", ordered);
    return dir;
  }

  /**
   * {@code transfer: {allow, notify}}; each of the two not given is inherited. Keys named in {@code
   * allow} must be among {@code tsig-keys}.
   */
  private TransferPolicy transfer(
      Node node,
      TransferPolicy inherited,
      Map<String, Object> shown,
      String what,
      TsigKeyring keys) {
    Mapping m = mapping(node, what + "transfer");
    Map<String, Object> view = new LinkedHashMap<>();
    shown.put("transfer", view);
    if (m == null) {
      show(inherited, view);
      return node == null ? inherited : null;
    }
    unknownKeys(m, "in " + what + "transfer", TRANSFER_KEYS);
    Node allowNode = value(m, "allow");
    List<TransferRule> allow = allowNode == null ? inherited.allow() : new ArrayList<>();
    if (allowNode != null) {
      for (Node item : list(allowNode, what + "transfer allow")) {
        allow.add(transferRule(item, what, keys));
      }
    }
    Node notifyNode = value(m, "notify");
    List<InetSocketAddress> notify =
        notifyNode == null ? inherited.secondaries() : new ArrayList<>();
    if (notifyNode != null) {
      for (Node item : list(notifyNode, what + "transfer notify")) {
        // A secondary listens on the DNS port unless told otherwise.
        notify.add(parsed(item, what + "transfer notify", s -> HostPort.parse(s, 53)));
      }
    }
    if (allow.stream().anyMatch(Objects::isNull) || notify.stream().anyMatch(Objects::isNull)) {
      return null;
    }
    TransferPolicy p = new TransferPolicy(allow, notify);
    show(p, view);
    return p;
  }

  /** One {@code {from: CIDR, key: NAME}} of {@code transfer allow}. */
  private TransferRule transferRule(Node node, String what, TsigKeyring keys) {
    String where = what + "transfer allow";
    Mapping m = mapping(node, where + " entry");
    if (m == null) {
      return null;
    }
    unknownKeys(m, "in " + where, List.of("from", "key"));
    Node fromNode = value(m, "from");
    if (fromNode == null) {
      problem(node, where + ": every entry needs from: (a network, 0.0.0.0/0 for any IPv4 client)");
      return null;
    }
    IpPrefix from = parsed(fromNode, where + " from", IpPrefix::parseOrHost);
    Node keyNode = value(m, "key");
    TsigKey key = null;
    if (keyNode != null) {
      Name name = parsed(keyNode, where + " key", ServerConfigReader::absoluteName);
      if (name == null) {
        return null;
      }
      key = keys.find(name);
      if (key == null) {
        problem(
            keyNode,
            where
                + ": unknown key '"
                + name
                + "' (tsig-keys has "
                + (keys.keys().isEmpty()
                    ? "none"
                    : String.join(
                        ", ", keys.keys().stream().map(k -> k.name().toString()).toList()))
                + ")");
        return null;
      }
    }
    return from == null ? null : new TransferRule(from, key);
  }

  private static void show(TransferPolicy p, Map<String, Object> view) {
    view.put(
        "allow",
        p.allow().stream()
            .map(
                r -> {
                  Map<String, Object> rule = new LinkedHashMap<>();
                  rule.put("from", r.from().toString());
                  if (r.key() != null) {
                    rule.put("key", r.key().name().toString());
                  }
                  return rule;
                })
            .toList());
    view.put("notify", p.secondaries().stream().map(HostPort::format).toList());
  }

  /**
   * {@code tsig-keys: [{name, algorithm, secret | secret-file}]}. Secrets are base64 (what {@code
   * tsig-keygen}, {@code keymgr -t} and {@code ldns-keygen} print); they are shown nowhere, and no
   * message quotes one.
   */
  private TsigKeyring tsigKeys(Node node) {
    List<Object> shown = new ArrayList<>();
    effective.put("tsig-keys", shown);
    List<TsigKey> keys = new ArrayList<>();
    for (Node item : list(node, "tsig-keys")) {
      Mapping m = mapping(item, "a tsig-keys entry");
      if (m == null) {
        continue;
      }
      unknownKeys(m, "in tsig-keys", TSIG_KEY_KEYS);
      Node nameNode = value(m, "name");
      if (nameNode == null) {
        problem(item, "tsig-keys: every key needs a name");
        continue;
      }
      Name name = parsed(nameNode, "tsig-keys name", ServerConfigReader::absoluteName);
      if (name == null) {
        continue;
      }
      String what = "tsig-keys: key " + name;
      Node algorithmNode = value(m, "algorithm");
      String algorithm = algorithmNode == null ? "hmac-sha256" : scalar(algorithmNode, what);
      if (algorithm != null && !TsigKey.ALGORITHMS.containsKey(algorithm)) {
        problem(
            algorithmNode,
            algorithm.equalsIgnoreCase("hmac-md5")
                ? what
                    + ": hmac-md5 is refused: MD5 is broken and RFC 8945 section 6 deprecates"
                    + " it; use hmac-sha256"
                : what
                    + ": algorithm must be "
                    + orList(TsigKey.ALGORITHM_NAMES)
                    + ", not '"
                    + algorithm
                    + "'");
        algorithm = null;
      }
      byte[] secret = secret(m, item, what);
      if (keys.stream().anyMatch(k -> k.name().equals(name))) {
        problem(nameNode, what + " is given twice");
        continue;
      }
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("name", name.toString());
      view.put("algorithm", algorithm);
      Node file = value(m, "secret-file");
      view.put(file == null ? "secret" : "secret-file", file == null ? HIDDEN : scalar(file, what));
      shown.add(view);
      if (algorithm != null && secret != null) {
        keys.add(TsigKey.of(name, algorithm, secret));
      }
    }
    return new TsigKeyring(keys);
  }

  /** The secret of a key, given inline or in a file; null after a problem. */
  private byte[] secret(Mapping m, Node item, String what) {
    Node inline = value(m, "secret");
    Node file = value(m, "secret-file");
    if ((inline == null) == (file == null)) {
      problem(item, what + ": give secret or secret-file" + (inline == null ? "" : ", not both"));
      return null;
    }
    String text;
    if (inline != null) {
      text = scalar(inline, what + " secret");
    } else {
      Path path = parsed(file, what + " secret-file", Path::of);
      if (path == null) {
        return null;
      }
      try {
        text = Files.readString(path, StandardCharsets.US_ASCII).trim();
      } catch (IOException | java.io.UncheckedIOException e) {
        String why =
            e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
        problem(file, what + ": cannot read secret-file " + path + ": " + why);
        return null;
      }
    }
    if (text == null) {
      return null;
    }
    try {
      byte[] secret = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
      if (secret.length > 0) {
        return secret;
      }
    } catch (IllegalArgumentException e) {
      // said below, without the text: it is a secret, even when mistyped
    }
    problem(
        inline != null ? inline : file,
        what + ": the secret is not base64 (as tsig-keygen prints it)");
    return null;
  }

  private static Name absoluteName(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad name '" + text + "': " + e.getMessage(), e);
    }
  }

  private Map<Name, ZonePolicy> zoneSettings(Node node, ZonePolicy inherited, TsigKeyring keys) {
    Map<Name, ZonePolicy> out = new LinkedHashMap<>();
    Map<String, Object> shown = new LinkedHashMap<>();
    effective.put("zone-settings", shown);
    Mapping m = mapping(node, "zone-settings");
    if (m == null || inherited == null) {
      return out;
    }
    for (YamlTree.Entry e : m.entries().values()) {
      Name zone;
      try {
        zone = Name.fromString(e.key(), Name.root);
      } catch (TextParseException ex) {
        problem(e.line(), "zone-settings: bad zone name " + ex.getMessage());
        continue;
      }
      String what = "zone-settings of " + zone + ": ";
      Mapping settings = mapping(e.value(), "zone-settings of " + zone);
      if (settings == null) {
        continue;
      }
      unknownKeys(settings, "in zone-settings of " + zone, ZONE_KEYS);
      Map<String, Object> zoneShown = new LinkedHashMap<>();
      ZonePolicy p = zonePolicy(settings, inherited, zoneShown, what, keys);
      if (out.put(zone, p) != null) {
        problem(e.line(), "zone-settings: zone " + zone + " is given twice");
      }
      shown.put(zone.toString(), zoneShown);
    }
    return out;
  }

  // ---- values

  /**
   * The value of {@code key} in {@code m}: read by {@code read} when given, {@code fallback}
   * otherwise; noted for {@code --print-config} as {@code show} writes it.
   */
  private <T> T setting(
      Mapping m, String key, T fallback, Function<Node, T> read, Function<T, Object> show) {
    return setting(m, effective, key, fallback, read, show);
  }

  private static <T> T setting(
      Mapping m,
      Map<String, Object> shown,
      String key,
      T fallback,
      Function<Node, T> read,
      Function<T, Object> show) {
    Node node = value(m, key);
    T v = node == null ? fallback : read.apply(node);
    shown.put(key, v == null ? null : show.apply(v));
    return v;
  }

  private Integer intSetting(Mapping m, String key, int fallback, int min, int max) {
    return intSetting(m, effective, key, key, fallback, min, max);
  }

  /** A whole number of a section's mapping {@code m}, named {@code what} in its problems. */
  private Integer intSetting(
      Mapping m,
      Map<String, Object> shown,
      String key,
      String what,
      int fallback,
      int min,
      int max) {
    return setting(
        m,
        shown,
        key,
        fallback,
        n -> {
          Long v = integer(n, what, min, max);
          return v == null ? null : v.intValue();
        },
        v -> v);
  }

  private Duration durationSetting(Mapping m, String key, Duration fallback, boolean zeroAllowed) {
    return setting(m, key, fallback, n -> duration(n, key, zeroAllowed), Durations::format);
  }

  /** Text of at most 255 octets, the most a TXT character-string holds (RFC 1035 3.3.14). */
  private String text(Node node, String what) {
    String s = scalar(node, what);
    if (s != null && s.getBytes(StandardCharsets.UTF_8).length > 255) {
      problem(node, what + " may be at most 255 octets long");
      return null;
    }
    return s;
  }

  private String pop(Node node) {
    String s = scalar(node, "pop");
    if (s != null && !POP_NAME.matcher(s).matches()) {
      problem(node, "pop: bad pop name '" + s + "' (use letters, digits, -, _ and .)");
      return null;
    }
    return s;
  }

  // ---- the command line

  /**
   * The file's top level with the flags' values in place of its own. A flag of either zone source
   * replaces both keys of the file, so that {@code --zones DIR} serves a folder even when the file
   * names a repository.
   */
  private Mapping overlay(Mapping root, Map<String, List<String>> flags) {
    if (flags.isEmpty()) {
      return root;
    }
    Map<String, YamlTree.Entry> entries = new LinkedHashMap<>(root.entries());
    if (flags.containsKey("zones") || flags.containsKey("zones-git")) {
      entries.remove("zones");
      entries.remove("zones-git");
    }
    flags.forEach(
        (flag, values) -> {
          Node node;
          if (values.size() == 1) {
            node = new Scalar(0, values.get(0));
          } else {
            List<Node> items = new ArrayList<>();
            for (String v : values) {
              Scalar item = new Scalar(0, v);
              flagNodes.put(item, flag);
              items.add(item);
            }
            node = new YamlTree.Sequence(0, List.copyOf(items));
          }
          flagNodes.put(node, flag);
          put(entries, NESTED_FLAGS.getOrDefault(flag, flag).split("\\."), 0, node);
        });
    return new Mapping(root.line(), entries);
  }

  /**
   * Sets {@code path[i..]} in {@code entries} to {@code value}, copying the mappings on the way so
   * that the file's other keys of a section stay.
   */
  private static void put(Map<String, YamlTree.Entry> entries, String[] path, int i, Node value) {
    String key = path[i];
    if (i == path.length - 1) {
      entries.put(key, new YamlTree.Entry(key, 0, value));
      return;
    }
    YamlTree.Entry existing = entries.get(key);
    Map<String, YamlTree.Entry> inner =
        existing != null && existing.value() instanceof Mapping m
            ? new LinkedHashMap<>(m.entries())
            : new LinkedHashMap<>();
    put(inner, path, i + 1, value);
    int line = existing == null ? 0 : existing.line();
    entries.put(key, new YamlTree.Entry(key, line, new Mapping(line, inner)));
  }

  /** A node standing for a default value, so that its problem names the flag that changes it. */
  private Node flagProblemNode(String key) {
    Node n = new Scalar(0, null);
    flagNodes.put(n, key);
    return n;
  }

  @Override
  public void problem(Node node, String message) {
    String flag = flagNodes.get(node);
    if (flag == null) {
      super.problem(node, message);
    } else {
      problem(new ConfigProblem("--" + flag, 0, message));
    }
  }

  // ---- defaults that depend on the host

  /** {@code $XDG_CACHE_HOME/anycast-dns/git}, or {@code ~/.cache/anycast-dns/git}. */
  private static Path defaultGitDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isEmpty()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("anycast-dns").resolve("git");
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
}
