package net.anycastdns.sidecar.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
 * Reads the YAML configuration, checks every value and fills in the defaults. Every mistake is one
 * {@link ConfigException} of the form {@code FILE: KEY: PROBLEM}.
 */
public final class ConfigLoader {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  static final int DEFAULT_RISE = 3;
  static final int DEFAULT_FALL = 3;
  static final Duration DEFAULT_DRAIN_DELAY = Duration.ofSeconds(30);
  static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);

  private ConfigLoader() {}

  /** Reads and checks {@code file}. */
  public static SidecarConfig load(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("cannot read " + file);
    }
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = yaml.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new ConfigException(file + ": " + oneLine(e.getOriginalMessage()) + where);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(file + ": empty; it needs selftest, prefixes and speaker");
    }
    try {
      return parse(new YamlNode("", root));
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }

  static SidecarConfig parse(YamlNode root) {
    root.mapping(Set.of("selftest", "prefixes", "speaker", "drain-delay"));
    SelfTestConfig selftest = selftest(root.required("selftest"));
    List<Prefix> prefixes = prefixes(root.required("prefixes"));
    SpeakerConfig speaker = speaker(root.required("speaker"));
    Duration drainDelay =
        root.optional("drain-delay").map(YamlNode::duration).orElse(DEFAULT_DRAIN_DELAY);
    return new SidecarConfig(selftest, prefixes, speaker, drainDelay);
  }

  private static SelfTestConfig selftest(YamlNode n) {
    n.mapping(
        Set.of(
            "server",
            "interval",
            "fast-interval",
            "timeout",
            "rise",
            "fall",
            "max-latency",
            "probes",
            "peers"));
    InetSocketAddress server = n.required("server").convert(s -> Addresses.parse(s, 53));
    Duration interval = positive(n.optional("interval"), DEFAULT_INTERVAL, n, "interval");
    Duration fast = positive(n.optional("fast-interval"), half(interval), n, "fast-interval");
    if (fast.compareTo(interval) > 0) {
      throw n.required("fast-interval").error("must not be longer than interval");
    }
    Duration defaultTimeout =
        interval.compareTo(Duration.ofSeconds(1)) < 0 ? interval : Duration.ofSeconds(1);
    Duration timeout = positive(n.optional("timeout"), defaultTimeout, n, "timeout");
    if (timeout.compareTo(interval) > 0) {
      throw n.required("timeout")
          .error(
              "must not be longer than interval ("
                  + interval.toMillis()
                  + "ms), or one slow probe would delay every decision");
    }
    int rise = n.optional("rise").map(x -> x.integer(1)).orElse(DEFAULT_RISE);
    int fall = n.optional("fall").map(x -> x.integer(1)).orElse(DEFAULT_FALL);
    Optional<Duration> maxLatency = n.optional("max-latency").map(YamlNode::duration);
    List<Probe> probes = new ArrayList<>();
    for (YamlNode p : n.required("probes").list()) {
      probes.add(probe(p, maxLatency));
    }
    if (probes.isEmpty()) {
      throw n.required("probes").error("needs at least one probe");
    }
    List<InetSocketAddress> peers = new ArrayList<>();
    for (YamlNode p : n.optional("peers").map(YamlNode::list).orElse(List.of())) {
      peers.add(p.convert(s -> Addresses.parse(s, 53)));
    }
    return new SelfTestConfig(server, interval, fast, timeout, rise, fall, probes, peers);
  }

  private static Probe probe(YamlNode n, Optional<Duration> defaultMaxLatency) {
    n.mapping(Set.of("name", "type", "transport", "rcode", "expect", "max-latency"));
    Name name = n.required("name").convert(ConfigLoader::name);
    int type =
        n.required("type")
            .convert(
                s -> {
                  int t = Type.value(s.toUpperCase(Locale.ROOT));
                  if (t < 0) {
                    throw new IllegalArgumentException("unknown record type '" + s + "'");
                  }
                  return t;
                });
    Transport transport =
        n.optional("transport")
            .map(
                x ->
                    x.convert(
                        s -> {
                          try {
                            return Transport.valueOf(s.toUpperCase(Locale.ROOT));
                          } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(
                                "must be udp or tcp, not '" + s + "'");
                          }
                        }))
            .orElse(Transport.UDP);
    int rcode =
        n.optional("rcode")
            .map(
                x ->
                    x.convert(
                        s -> {
                          int r = Rcode.value(s.toUpperCase(Locale.ROOT));
                          if (r < 0) {
                            throw new IllegalArgumentException(
                                "unknown rcode '" + s + "' (NOERROR, NXDOMAIN, ...)");
                          }
                          return r;
                        }))
            .orElse(Rcode.NOERROR);
    List<Record> expect = new ArrayList<>();
    for (YamlNode e : n.optional("expect").map(YamlNode::list).orElse(List.of())) {
      expect.add(e.convert(s -> rdata(type, s)));
    }
    Optional<Duration> maxLatency =
        n.optional("max-latency").map(YamlNode::duration).or(() -> defaultMaxLatency);
    return new Probe(name, type, transport, rcode, expect, maxLatency);
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

  private static List<Prefix> prefixes(YamlNode n) {
    List<Prefix> prefixes = new ArrayList<>();
    Set<Prefix> seen = new HashSet<>();
    for (YamlNode p : n.list()) {
      Prefix prefix = p.convert(Prefix::parse);
      if (!seen.add(prefix)) {
        throw p.error(prefix + " is listed twice");
      }
      prefixes.add(prefix);
    }
    if (prefixes.isEmpty()) {
      throw n.error("needs at least one prefix");
    }
    return prefixes;
  }

  private static SpeakerConfig speaker(YamlNode n) {
    n.mapping(
        Set.of(
            "type",
            "state-file",
            "birdc",
            "timeout",
            "ack",
            "ack-timeout",
            "gobgp",
            "announce",
            "withdraw",
            "drain"));
    String type = n.required("type").text();
    Duration timeout = DEFAULT_COMMAND_TIMEOUT;
    switch (type) {
      case "bird" -> {
        n.mapping(Set.of("type", "state-file", "birdc", "timeout"));
        Path stateFile = Path.of(n.required("state-file").text());
        Path dir = stateFile.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
          throw n.required("state-file").error("folder " + dir + " does not exist");
        }
        List<String> birdc = n.optional("birdc").map(YamlNode::argv).orElse(List.of("birdc"));
        return new SpeakerConfig.Bird(stateFile, birdc, timeout(n, timeout));
      }
      case "exabgp" -> {
        n.mapping(Set.of("type", "ack", "ack-timeout"));
        boolean ack = n.optional("ack").map(YamlNode::bool).orElse(true);
        Duration ackTimeout =
            positive(n.optional("ack-timeout"), DEFAULT_ACK_TIMEOUT, n, "ack-timeout");
        return new SpeakerConfig.ExaBgp(ack, ackTimeout);
      }
      case "gobgp" -> {
        n.mapping(Set.of("type", "gobgp", "timeout"));
        List<String> gobgp = n.optional("gobgp").map(YamlNode::argv).orElse(List.of("gobgp"));
        return new SpeakerConfig.GoBgp(gobgp, timeout(n, timeout));
      }
      case "command" -> {
        n.mapping(Set.of("type", "announce", "withdraw", "drain", "timeout"));
        return new SpeakerConfig.Command(
            n.required("announce").argv(),
            n.required("withdraw").argv(),
            n.optional("drain").map(YamlNode::argv),
            timeout(n, timeout));
      }
      default ->
          throw n.required("type")
              .error("unknown speaker '" + type + "' (bird, exabgp, gobgp or command)");
    }
  }

  private static Duration timeout(YamlNode n, Duration fallback) {
    return positive(n.optional("timeout"), fallback, n, "timeout");
  }

  private static Duration positive(
      Optional<YamlNode> value, Duration fallback, YamlNode parent, String key) {
    Duration d = value.map(YamlNode::duration).orElse(fallback);
    if (d.isZero()) {
      throw parent.required(key).error("must be longer than 0");
    }
    return d;
  }

  /** SnakeYAML's messages span lines with a drawing of the spot; the words are enough. */
  private static String oneLine(String message) {
    StringBuilder sb = new StringBuilder();
    for (String line : message.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.equals("^") || t.startsWith("in 'reader'")) {
        continue;
      }
      if (sb.indexOf(t) >= 0) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : ", ").append(t);
    }
    return sb.toString();
  }

  private static Duration half(Duration interval) {
    Duration h = interval.dividedBy(2);
    return h.isZero() ? interval : h;
  }
}
