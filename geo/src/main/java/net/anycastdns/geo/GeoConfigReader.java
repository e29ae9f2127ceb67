package net.anycastdns.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.anycastdns.common.Durations;
import net.anycastdns.common.IpLiterals;
import net.anycastdns.common.IpPrefix;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.YamlReader;
import net.anycastdns.common.yaml.YamlTree.Entry;
import net.anycastdns.common.yaml.YamlTree.Mapping;
import net.anycastdns.common.yaml.YamlTree.Node;

/**
 * Turns geo.yaml into a {@link GeoConfig}, collecting every problem with its line rather than
 * stopping at the first: an operator fixing a pushed file wants the whole list at once.
 */
final class GeoConfigReader extends YamlReader {
  static final long DEFAULT_TTL = 30;
  static final int DEFAULT_POPS = 1;

  private static final List<String> TOP_KEYS =
      List.of("pops", "networks", "mmdb", "down", "services");
  private static final List<String> POP_KEYS = List.of("lat", "lon");
  private static final List<String> NETWORK_KEYS = List.of("cidr", "lat", "lon", "pop");
  private static final List<String> SERVICE_KEYS = List.of("ttl", "pops", "addresses", "check");
  private static final List<String> CHECK_KEYS =
      List.of("tcp", "interval", "timeout", "rise", "fall");
  private static final Pattern POP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  /** RFC 2181 section 8: a TTL is an unsigned 31-bit number of seconds. */
  private static final long MAX_TTL = Integer.MAX_VALUE;

  private final byte[] yaml;
  private final GeoFiles files;
  private List<Pop> pops = List.of();

  private GeoConfigReader(String fileName, byte[] yaml, GeoFiles files) {
    super(fileName);
    this.yaml = yaml;
    this.files = files;
  }

  static GeoConfig read(String fileName, byte[] yaml, GeoFiles files) throws ConfigException {
    GeoConfigReader r = new GeoConfigReader(fileName, yaml, files);
    GeoConfig config = r.readFile();
    r.finish();
    return config;
  }

  private GeoConfig readFile() {
    Mapping root = root(yaml, TOP_KEYS);
    if (root == null) {
      return null;
    }
    unknownKeys(root, "at the top level", TOP_KEYS);
    pops = pops(value(root, "pops"));
    boolean[] down = down(value(root, "down"));
    List<GeoNetwork> networks = networks(value(root, "networks"));
    List<GeoService> services = services(value(root, "services"));
    MmdbLocator mmdb = mmdb(value(root, "mmdb"));
    if (failed()) {
      if (mmdb != null) {
        mmdb.close();
      }
      return null;
    }
    return new GeoConfig(file(), pops, down, networks, mmdb, services);
  }

  // ---- sections

  private List<Pop> pops(Node node) {
    List<Pop> out = new ArrayList<>();
    Mapping m = mapping(node, "pops");
    if (m == null) {
      return out;
    }
    for (Entry e : m.entries().values()) {
      if (!POP_NAME.matcher(e.key()).matches()) {
        problem(e.line(), "bad pop name '" + e.key() + "' (use letters, digits, -, _ and .)");
      }
      Mapping pop = mapping(e.value(), "pop " + e.key());
      Double lat = null;
      Double lon = null;
      if (pop != null) {
        unknownKeys(pop, "in pop " + e.key(), POP_KEYS);
        lat = required(pop, "lat", "pop " + e.key(), 90);
        lon = required(pop, "lon", "pop " + e.key(), 180);
      }
      // Kept even when its coordinates are wrong, so that references to it do not add
      // "unknown pop" lines to the one real problem.
      out.add(
          new Pop(
              e.key(), out.size(), lat == null ? Double.NaN : lat, lon == null ? Double.NaN : lon));
    }
    return out;
  }

  private boolean[] down(Node node) {
    boolean[] down = new boolean[pops.size()];
    for (Node item : list(node, "down")) {
      String name = scalar(item, "a pop in down");
      if (name != null) {
        int i = popRef(name, item.line(), "down");
        if (i >= 0) {
          down[i] = true;
        }
      }
    }
    return down;
  }

  private List<GeoNetwork> networks(Node node) {
    List<GeoNetwork> out = new ArrayList<>();
    Map<IpPrefix, Integer> seen = new HashMap<>();
    for (Node item : list(node, "networks")) {
      Mapping m = mapping(item, "a network");
      if (m == null) {
        continue;
      }
      unknownKeys(m, "in a network", NETWORK_KEYS);
      Node cidrNode = value(m, "cidr");
      if (cidrNode == null) {
        problem(m.line(), "network needs cidr");
        continue;
      }
      String cidr = scalar(cidrNode, "cidr");
      if (cidr == null) {
        continue;
      }
      IpPrefix prefix;
      try {
        prefix = IpPrefix.parseOrHost(cidr);
      } catch (IllegalArgumentException e) {
        problem(cidrNode, "bad CIDR: " + e.getMessage());
        continue;
      }
      Integer first = seen.putIfAbsent(prefix, cidrNode.line());
      if (first != null) {
        problem(
            cidrNode.line(),
            "network " + prefix + " is listed twice (first on line " + first + ")");
        continue;
      }
      GeoNetwork n = network(m, prefix);
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }

  /** The location part of a network: lat and lon, or pop. */
  private GeoNetwork network(Mapping m, IpPrefix prefix) {
    String what = "network " + prefix;
    Node popNode = value(m, "pop");
    boolean hasPoint = value(m, "lat") != null || value(m, "lon") != null;
    if (popNode != null && hasPoint) {
      problem(m.line(), what + ": give lat and lon, or pop, not both");
      return null;
    }
    if (popNode != null) {
      String pop = scalar(popNode, "pop of " + what);
      int i = pop == null ? -1 : popRef(pop, popNode.line(), what);
      return i < 0 ? null : new GeoNetwork(prefix, Double.NaN, Double.NaN, i);
    }
    if (!hasPoint) {
      problem(m.line(), what + " needs lat and lon, or pop");
      return null;
    }
    Double lat = required(m, "lat", what, 90);
    Double lon = required(m, "lon", what, 180);
    return lat == null || lon == null ? null : new GeoNetwork(prefix, lat, lon, -1);
  }

  private MmdbLocator mmdb(Node node) {
    if (node == null) {
      return null;
    }
    String name = scalar(node, "mmdb");
    if (name == null) {
      return null;
    }
    byte[] database;
    try {
      database = files.read(name);
    } catch (IOException e) {
      problem(node, "mmdb file " + name + " cannot be read: " + e.getMessage());
      return null;
    }
    if (database == null) {
      problem(node, "mmdb file " + name + " not found beside " + file());
      return null;
    }
    try {
      return MmdbLocator.open(database, name);
    } catch (IOException | RuntimeException e) {
      // The reader meets a file that is no database with whatever its decoder trips over first,
      // runtime exceptions included; any of them means the same to the operator.
      problem(node, "mmdb file " + name + " is not a MaxMind DB: " + e.getMessage());
      return null;
    }
  }

  private List<GeoService> services(Node node) {
    List<GeoService> out = new ArrayList<>();
    Mapping m = mapping(node, "services");
    if (m == null) {
      return out;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (Entry e : m.entries().values()) {
      String name = null;
      try {
        name = DnsNames.normalize(e.key());
        Integer first = seen.putIfAbsent(name, e.line());
        if (first != null) {
          problem(e.line(), "service " + name + " is listed twice (first on line " + first + ")");
          name = null;
        }
      } catch (IllegalArgumentException ex) {
        problem(e.line(), "bad service name '" + e.key() + "': " + ex.getMessage());
      }
      // A service whose name is wrong is still read, for the problems of its settings.
      GeoService s = service(name == null ? e.key() : name, e, name != null);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** The service, or null when it has problems or {@code nameValid} is false. */
  private GeoService service(String name, Entry e, boolean nameValid) {
    String what = "service " + name;
    Mapping m = mapping(e.value(), what);
    if (m == null) {
      return null;
    }
    unknownKeys(m, "in " + what, SERVICE_KEYS);
    int before = problemCount();
    Node ttlNode = value(m, "ttl");
    Long ttl = ttlNode == null ? Long.valueOf(DEFAULT_TTL) : ttl(ttlNode, what);
    Node popsNode = value(m, "pops");
    Long popCount =
        popsNode == null
            ? Long.valueOf(DEFAULT_POPS)
            : integer(popsNode, "pops of " + what, 1, Integer.MAX_VALUE);
    InetAddress[][] v4 = new InetAddress[pops.size()][];
    InetAddress[][] v6 = new InetAddress[pops.size()][];
    addresses(value(m, "addresses"), what, e.line(), v4, v6);
    Node checkNode = value(m, "check");
    HealthCheck check = checkNode == null ? null : check(checkNode, what);
    if (!nameValid || problemCount() > before || ttl == null || popCount == null) {
      return null;
    }
    return new GeoService(name, e.line(), ttl, popCount.intValue(), v4, v6, check);
  }

  private void addresses(
      Node node, String what, int serviceLine, InetAddress[][] v4, InetAddress[][] v6) {
    Mapping m = node == null ? null : mapping(node, "addresses of " + what);
    int before = problemCount();
    int count = 0;
    if (m != null) {
      for (Entry e : m.entries().values()) {
        int pop = popRef(e.key(), e.line(), "addresses of " + what);
        List<InetAddress> four = new ArrayList<>();
        List<InetAddress> six = new ArrayList<>();
        for (Node item : list(e.value(), "addresses of " + what + " at " + e.key())) {
          String text = scalar(item, "an address");
          byte[] octets = text == null ? null : IpLiterals.parse(text);
          if (text != null && octets == null) {
            problem(
                item.line(),
                "bad address '"
                    + text
                    + "' at "
                    + e.key()
                    + " in "
                    + what
                    + " (write IPv4 or IPv6 addresses, not names)");
          }
          if (octets == null) {
            continue;
          }
          InetAddress a = IpLiterals.toInetAddress(octets);
          List<InetAddress> same = octets.length == 4 ? four : six;
          if (same.contains(a)) {
            problem(
                item.line(),
                "address "
                    + IpLiterals.format(octets)
                    + " is listed twice at "
                    + e.key()
                    + " in "
                    + what);
            continue;
          }
          same.add(a);
        }
        count += four.size() + six.size();
        if (pop >= 0) {
          v4[pop] = four.toArray(new InetAddress[0]);
          v6[pop] = six.toArray(new InetAddress[0]);
        }
      }
    }
    if (count == 0 && problemCount() == before) {
      problem(serviceLine, what + " has no addresses");
    }
  }

  private HealthCheck check(Node node, String service) {
    String what = "check of " + service;
    Mapping m = mapping(node, what);
    if (m == null) {
      return null;
    }
    unknownKeys(m, "in " + what, CHECK_KEYS);
    Node tcp = value(m, "tcp");
    Long port = null;
    if (tcp == null) {
      problem(m.line(), what + " needs tcp: PORT");
    } else {
      port = integer(tcp, "tcp port of " + service, 1, 65535);
    }
    Duration interval = durationOr(value(m, "interval"), "interval", HealthCheck.DEFAULT_INTERVAL);
    Node timeoutNode = value(m, "timeout");
    Duration timeout = durationOr(timeoutNode, "timeout", HealthCheck.DEFAULT_TIMEOUT);
    Long rise = intOr(value(m, "rise"), "rise", HealthCheck.DEFAULT_RISE);
    Long fall = intOr(value(m, "fall"), "fall", HealthCheck.DEFAULT_FALL);
    if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
      problem(
          timeoutNode == null ? m.line() : timeoutNode.line(),
          "check timeout "
              + Durations.format(timeout)
              + " is longer than the interval "
              + Durations.format(interval));
      return null;
    }
    if (port == null || interval == null || timeout == null || rise == null || fall == null) {
      return null;
    }
    return new HealthCheck(port.intValue(), interval, timeout, rise.intValue(), fall.intValue());
  }

  // ---- values

  private Long ttl(Node node, String what) {
    String text = scalar(node, "ttl of " + what);
    if (text == null) {
      return null;
    }
    long seconds;
    if (text.matches("\\d{1,10}")) {
      seconds = Long.parseLong(text);
    } else {
      try {
        Duration d = Durations.parse(text);
        if (d.toMillis() % 1000 != 0) {
          problem(node, "ttl of " + what + " must be whole seconds, not '" + text + "'");
          return null;
        }
        seconds = d.getSeconds();
      } catch (IllegalArgumentException e) {
        problem(
            node.line(),
            "ttl of "
                + what
                + " must be seconds (30) or a duration (30s, 5m), "
                + "not '"
                + text
                + "'");
        return null;
      }
    }
    if (seconds > MAX_TTL) {
      problem(node, "ttl of " + what + " must be at most " + MAX_TTL + " seconds");
      return null;
    }
    return seconds;
  }

  private Duration durationOr(Node node, String what, Duration fallback) {
    return node == null ? fallback : duration(node, what, false);
  }

  private Long intOr(Node node, String what, int fallback) {
    return node == null ? Long.valueOf(fallback) : integer(node, what, 1, Integer.MAX_VALUE);
  }

  /** A coordinate that must be present, within [-limit, limit] degrees. */
  private Double required(Mapping m, String key, String owner, double limit) {
    Node node = value(m, key);
    if (node == null) {
      problem(m.line(), owner + " needs " + key);
      return null;
    }
    String text = scalar(node, key + " of " + owner);
    if (text == null) {
      return null;
    }
    double v = DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
    if (!(v >= -limit && v <= limit)) {
      problem(
          node.line(),
          key
              + " of "
              + owner
              + " must be a number from "
              + (int) -limit
              + " to "
              + (int) limit
              + ", not '"
              + text
              + "'");
      return null;
    }
    return v;
  }

  // ---- structure

  private int popRef(String name, int line, String where) {
    for (Pop p : pops) {
      if (p.name().equals(name)) {
        return p.index();
      }
    }
    problem(
        line,
        "unknown pop '"
            + name
            + "' in "
            + where
            + " (pops are "
            + (pops.isEmpty() ? "none" : String.join(", ", pops.stream().map(Pop::name).toList()))
            + ")");
    return -1;
  }
}
