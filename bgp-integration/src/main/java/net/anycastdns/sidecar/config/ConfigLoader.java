package net.anycastdns.sidecar.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.anycastdns.common.HostPort;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import net.anycastdns.common.yaml.YamlReader;
import net.anycastdns.common.yaml.YamlTree.Mapping;
import net.anycastdns.common.yaml.YamlTree.Node;
import net.anycastdns.sidecar.probe.Probe;
import net.anycastdns.sidecar.probe.Transport;
import net.anycastdns.sidecar.speaker.Prefix;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads the YAML configuration, checks every value and fills in the defaults. Every mistake is
 * reported as {@code FILE:LINE: KEY ...}, all of them at once, in one {@link ConfigException}.
 */
public final class ConfigLoader extends YamlReader {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  static final int DEFAULT_RISE = 3;
  static final int DEFAULT_FALL = 3;
  static final Duration DEFAULT_DRAIN_DELAY = Duration.ofSeconds(30);
  static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);

  private static final List<String> TOP_KEYS =
      List.of("selftest", "prefixes", "speaker", "drain-delay");
  private static final List<String> SELFTEST_KEYS =
      List.of(
          "server",
          "interval",
          "fast-interval",
          "timeout",
          "rise",
          "fall",
          "max-latency",
          "probes",
          "peers");
  private static final List<String> PROBE_KEYS =
      List.of("name", "type", "transport", "rcode", "expect", "max-latency");
  private static final List<String> SPEAKERS = List.of("bird", "exabgp", "gobgp", "command");

  private ConfigLoader(String file) {
    super(file);
  }

  /**
   * Reads and checks {@code file}.
   *
   * @throws ConfigException with every problem, each {@code FILE:LINE: message}
   */
  public static SidecarConfig load(Path file) throws ConfigException {
    byte[] yaml;
    try {
      yaml = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigProblem(file.toString(), 0, "cannot read: " + e.getMessage())));
    }
    ConfigLoader r = new ConfigLoader(file.toString());
    SidecarConfig config = r.read(yaml);
    r.finish();
    return config;
  }

  private SidecarConfig read(byte[] yaml) {
    Mapping root = root(yaml, TOP_KEYS);
    if (root == null) {
      return null;
    }
    unknownKeys(root, "at the top level", TOP_KEYS);
    SelfTestConfig selftest = selftest(required(root, "selftest", "the top level"));
    List<Prefix> prefixes = prefixes(required(root, "prefixes", "the top level"));
    SpeakerConfig speaker = speaker(required(root, "speaker", "the top level"));
    Node drainNode = value(root, "drain-delay");
    // 0s drains without a delay: straight to the withdrawal.
    Duration drainDelay =
        drainNode == null ? DEFAULT_DRAIN_DELAY : duration(drainNode, "drain-delay", true);
    return failed() ? null : new SidecarConfig(selftest, prefixes, speaker, drainDelay);
  }

  private SelfTestConfig selftest(Node node) {
    Mapping n = mapping(node, "selftest");
    if (n == null) {
      return null;
    }
    unknownKeys(n, "in selftest", SELFTEST_KEYS);
    InetSocketAddress server = address(required(n, "server", "selftest"), "selftest.server");
    Duration interval = durationOr(value(n, "interval"), "selftest.interval", DEFAULT_INTERVAL);
    Duration fast =
        durationOr(
            value(n, "fast-interval"),
            "selftest.fast-interval",
            interval == null ? null : half(interval));
    if (interval != null && fast != null && fast.compareTo(interval) > 0) {
      problem(value(n, "fast-interval"), "selftest.fast-interval must not be longer than interval");
    }
    Duration defaultTimeout =
        interval == null || interval.compareTo(Duration.ofSeconds(1)) >= 0
            ? Duration.ofSeconds(1)
            : interval;
    Duration timeout = durationOr(value(n, "timeout"), "selftest.timeout", defaultTimeout);
    if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
      problem(
          value(n, "timeout"),
          "selftest.timeout must not be longer than interval ("
              + interval.toMillis()
              + "ms), or one slow probe would delay every decision");
    }
    Long rise = intOr(value(n, "rise"), "selftest.rise", DEFAULT_RISE);
    Long fall = intOr(value(n, "fall"), "selftest.fall", DEFAULT_FALL);
    Node maxLatencyNode = value(n, "max-latency");
    Optional<Duration> maxLatency =
        maxLatencyNode == null
            ? Optional.empty()
            : Optional.ofNullable(duration(maxLatencyNode, "selftest.max-latency", false));
    Node probesNode = required(n, "probes", "selftest");
    List<Probe> probes = new ArrayList<>();
    List<Node> probeNodes = list(probesNode, "selftest.probes");
    for (int i = 0; i < probeNodes.size(); i++) {
      probes.add(probe(probeNodes.get(i), "selftest.probes[" + i + "]", maxLatency));
    }
    if (probesNode != null && probeNodes.isEmpty()) {
      problem(probesNode, "selftest.probes needs at least one probe");
    }
    List<InetSocketAddress> peers = new ArrayList<>();
    List<Node> peerNodes = list(value(n, "peers"), "selftest.peers");
    for (int i = 0; i < peerNodes.size(); i++) {
      peers.add(address(peerNodes.get(i), "selftest.peers[" + i + "]"));
    }
    if (failed()) {
      return null;
    }
    return new SelfTestConfig(
        server, interval, fast, timeout, rise.intValue(), fall.intValue(), probes, peers);
  }

  private Probe probe(Node node, String what, Optional<Duration> defaultMaxLatency) {
    Mapping n = mapping(node, what);
    if (n == null) {
      return null;
    }
    unknownKeys(n, "in " + what, PROBE_KEYS);
    Name name = parsed(required(n, "name", what), what + ".name", ConfigLoader::name);
    Integer type =
        parsed(
            required(n, "type", what),
            what + ".type",
            s -> {
              int t = Type.value(s.toUpperCase(Locale.ROOT));
              if (t < 0) {
                throw new IllegalArgumentException("unknown record type '" + s + "'");
              }
              return t;
            });
    Node transportNode = value(n, "transport");
    String transport =
        transportNode == null
            ? "udp"
            : oneOf(transportNode, what + ".transport", List.of("udp", "tcp"));
    Node rcodeNode = value(n, "rcode");
    Integer rcode =
        rcodeNode == null
            ? Integer.valueOf(Rcode.NOERROR)
            : parsed(
                rcodeNode,
                what + ".rcode",
                s -> {
                  int r = Rcode.value(s.toUpperCase(Locale.ROOT));
                  if (r < 0) {
                    throw new IllegalArgumentException(
                        "unknown rcode '" + s + "' (NOERROR, NXDOMAIN, ...)");
                  }
                  return r;
                });
    List<Record> expect = new ArrayList<>();
    List<Node> expectNodes = list(value(n, "expect"), what + ".expect");
    for (int i = 0; i < expectNodes.size() && type != null; i++) {
      int t = type;
      expect.add(parsed(expectNodes.get(i), what + ".expect[" + i + "]", s -> rdata(t, s)));
    }
    Node maxLatencyNode = value(n, "max-latency");
    Optional<Duration> maxLatency =
        maxLatencyNode == null
            ? defaultMaxLatency
            : Optional.ofNullable(duration(maxLatencyNode, what + ".max-latency", false));
    if (name == null
        || type == null
        || transport == null
        || rcode == null
        || expect.contains(null)) {
      return null;
    }
    return new Probe(
        name,
        type,
        Transport.valueOf(transport.toUpperCase(Locale.ROOT)),
        rcode,
        expect,
        maxLatency);
  }

  private List<Prefix> prefixes(Node node) {
    List<Prefix> prefixes = new ArrayList<>();
    Set<Prefix> seen = new HashSet<>();
    List<Node> items = list(node, "prefixes");
    for (int i = 0; i < items.size(); i++) {
      Prefix prefix = parsed(items.get(i), "prefixes[" + i + "]", Prefix::parse);
      if (prefix != null && !seen.add(prefix)) {
        problem(items.get(i), "prefixes[" + i + "]: " + prefix + " is listed twice");
      }
      prefixes.add(prefix);
    }
    if (node != null && items.isEmpty()) {
      problem(node, "prefixes needs at least one prefix");
    }
    return prefixes;
  }

  private SpeakerConfig speaker(Node node) {
    Mapping n = mapping(node, "speaker");
    if (n == null) {
      return null;
    }
    String type = oneOf(required(n, "type", "speaker"), "speaker.type", SPEAKERS);
    if (type == null) {
      return null;
    }
    switch (type) {
      case "bird" -> {
        unknownKeys(n, "in speaker (bird)", List.of("type", "state-file", "birdc", "timeout"));
        Path stateFile =
            parsed(required(n, "state-file", "speaker"), "speaker.state-file", Path::of);
        if (stateFile != null) {
          Path dir = stateFile.toAbsolutePath().getParent();
          if (dir == null || !Files.isDirectory(dir)) {
            problem(
                value(n, "state-file"), "speaker.state-file: folder " + dir + " does not exist");
          }
        }
        List<String> birdc = argvOr(value(n, "birdc"), "speaker.birdc", List.of("birdc"));
        Duration timeout =
            durationOr(value(n, "timeout"), "speaker.timeout", DEFAULT_COMMAND_TIMEOUT);
        return failed() ? null : new SpeakerConfig.Bird(stateFile, birdc, timeout);
      }
      case "exabgp" -> {
        unknownKeys(n, "in speaker (exabgp)", List.of("type", "ack", "ack-timeout"));
        Node ackNode = value(n, "ack");
        Boolean ack = ackNode == null ? Boolean.TRUE : bool(ackNode, "speaker.ack");
        Duration ackTimeout =
            durationOr(value(n, "ack-timeout"), "speaker.ack-timeout", DEFAULT_ACK_TIMEOUT);
        return failed() ? null : new SpeakerConfig.ExaBgp(ack, ackTimeout);
      }
      case "gobgp" -> {
        unknownKeys(n, "in speaker (gobgp)", List.of("type", "gobgp", "timeout"));
        List<String> gobgp = argvOr(value(n, "gobgp"), "speaker.gobgp", List.of("gobgp"));
        Duration timeout =
            durationOr(value(n, "timeout"), "speaker.timeout", DEFAULT_COMMAND_TIMEOUT);
        return failed() ? null : new SpeakerConfig.GoBgp(gobgp, timeout);
      }
      default -> {
        unknownKeys(
            n, "in speaker (command)", List.of("type", "announce", "withdraw", "drain", "timeout"));
        List<String> announce = argv(required(n, "announce", "speaker"), "speaker.announce");
        List<String> withdraw = argv(required(n, "withdraw", "speaker"), "speaker.withdraw");
        Node drainNode = value(n, "drain");
        Optional<List<String>> drain =
            drainNode == null
                ? Optional.empty()
                : Optional.ofNullable(argv(drainNode, "speaker.drain"));
        Duration timeout =
            durationOr(value(n, "timeout"), "speaker.timeout", DEFAULT_COMMAND_TIMEOUT);
        return failed() ? null : new SpeakerConfig.Command(announce, withdraw, drain, timeout);
      }
    }
  }

  // ---- values

  /** The value of {@code key}; when it is missing, a problem at the mapping and null. */
  private Node required(Mapping m, String key, String where) {
    Node node = value(m, key);
    if (node == null) {
      problem(m, where + " needs " + key);
    }
    return node;
  }

  private InetSocketAddress address(Node node, String what) {
    return node == null ? null : parsed(node, what, s -> HostPort.parse(s, 53));
  }

  private Duration durationOr(Node node, String what, Duration fallback) {
    return node == null ? fallback : duration(node, what, false);
  }

  private Long intOr(Node node, String what, int fallback) {
    return node == null ? Long.valueOf(fallback) : integer(node, what, 1, Integer.MAX_VALUE);
  }

  /** A non-empty list of strings, such as a command's argument list; null after a problem. */
  private List<String> argv(Node node, String what) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof net.anycastdns.common.yaml.YamlTree.Sequence)) {
      problem(node, what + " must be a list, such as [birdc, -s, /run/bird/bird.ctl]");
      return null;
    }
    List<String> argv = new ArrayList<>();
    for (Node item : list(node, what)) {
      argv.add(scalar(item, what + " item"));
    }
    if (argv.isEmpty() || argv.contains(null)) {
      problem(
          node,
          what + " must be a non-empty argument list, such as [birdc, -s, /run/bird/bird.ctl]");
      return null;
    }
    return argv;
  }

  private List<String> argvOr(Node node, String what, List<String> fallback) {
    return node == null ? fallback : argv(node, what);
  }

  private static Name name(String s) {
    try {
      return Name.fromString(s, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad name '" + s + "': " + e.getMessage());
    }
  }

  /** Expected data in zone-file syntax; relative names are taken as absolute. */
  private static Record rdata(int type, String text) {
    try {
      return Record.fromString(Name.root, type, DClass.IN, 0, text, Name.root);
    } catch (IOException | RuntimeException e) {
      // dnsjava's tokenizer prefixes its messages with a file and line there is none of here.
      String why = String.valueOf(e.getMessage()).replaceFirst("^<none>:\\d+: ", "");
      throw new IllegalArgumentException(
          "'" + text + "' is not " + Type.string(type) + " data: " + why);
    }
  }

  private static Duration half(Duration interval) {
    Duration h = interval.dividedBy(2);
    return h.isZero() ? interval : h;
  }
}
