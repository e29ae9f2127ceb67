package net.anycastdns.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import net.anycastdns.zones.NameTable;

/**
 * A parsed and validated geo.yaml: the PoPs with their coordinates, the client networks, the
 * optional MaxMind database, the drained PoPs and the services. Immutable; the networks are
 * compiled into one trie per address family here, once, so that every {@link GeoResolver} built on
 * the config shares them.
 */
public final class GeoConfig {
  private final String fileName;
  private final List<Pop> pops;
  private final boolean[] down;
  private final PopOrders orders;
  private final NetworkTrie v4;
  private final NetworkTrie v6;
  private final MmdbLocator mmdb;
  private final List<GeoService> services;
  private final NameTable<GeoService> serviceTable;
  private final List<CheckTarget> checkTargets;

  GeoConfig(
      String fileName,
      List<Pop> pops,
      boolean[] down,
      List<GeoNetwork> networks,
      MmdbLocator mmdb,
      List<GeoService> services) {
    this.fileName = fileName;
    this.pops = List.copyOf(pops);
    this.down = down.clone();
    this.mmdb = mmdb;
    this.services = List.copyOf(services);
    this.serviceTable = serviceTable(this.services);
    this.checkTargets = targets(this.pops, this.services);

    PopOrders.Builder ob = new PopOrders.Builder();
    List<GeoNetwork> four = new ArrayList<>();
    List<GeoNetwork> six = new ArrayList<>();
    List<Integer> fourIds = new ArrayList<>();
    List<Integer> sixIds = new ArrayList<>();
    for (GeoNetwork n : networks) {
      int id = ob.intern(n.order(this.pops));
      boolean isV4 = !n.prefix().isIpv6();
      (isV4 ? four : six).add(n);
      (isV4 ? fourIds : sixIds).add(id);
    }
    this.orders = ob.build();
    this.v4 = new NetworkTrie(32, four, fourIds.stream().mapToInt(Integer::intValue).toArray());
    this.v6 = new NetworkTrie(128, six, sixIds.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Reads, checks and compiles {@code geoYaml}. The MaxMind database, when named, is opened here
   * (relative to the file's folder).
   *
   * @throws ConfigException with every problem found, each {@code geo.yaml:LINE: message}
   */
  public static GeoConfig load(Path geoYaml) throws ConfigException {
    byte[] yaml;
    try {
      yaml = Files.readAllBytes(geoYaml);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  geoYaml.getFileName().toString(),
                  0,
                  "cannot read " + geoYaml + ": " + e.getMessage())));
    }
    Path folder = geoYaml.toAbsolutePath().getParent();
    return GeoConfigReader.read(
        geoYaml.getFileName().toString(),
        yaml,
        name -> {
          Path p = folder.resolve(name).normalize();
          return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
        });
  }

  /**
   * Reads, checks and compiles {@code geo.yaml} given as bytes (a file of a git commit); the
   * MaxMind database it names comes from {@code files}.
   *
   * @param fileName how problems name the file
   * @throws ConfigException with every problem found, each {@code FILE:LINE: message}
   */
  public static GeoConfig load(String fileName, byte[] yaml, GeoFiles files)
      throws ConfigException {
    return GeoConfigReader.read(fileName, yaml, files);
  }

  /** The PoP names in file order. */
  public List<String> popNames() {
    return pops.stream().map(Pop::name).toList();
  }

  /** Whether {@code pop} is one of {@link #popNames()}; check {@code serve --pop} with it. */
  public boolean hasPop(String pop) {
    return popIndex(pop) >= 0;
  }

  /** The PoPs listed under {@code down}, in file order of the PoPs. */
  public List<String> downPops() {
    return pops.stream().filter(p -> down[p.index()]).map(Pop::name).toList();
  }

  /** The service names: absolute, lowercase, with the trailing dot; in file order. */
  public Set<String> serviceNames() {
    Set<String> names = new LinkedHashSet<>();
    services.forEach(s -> names.add(s.name()));
    return Collections.unmodifiableSet(names);
  }

  /**
   * Checks the service names against the zones being served: a service must be a name the server
   * answers with authority, else its geo answers would never be given (outside every zone: REFUSED;
   * below a cut: a referral) or would contradict the zone (a CNAME owns the name alone, RFC 2181
   * section 10.1). Empty when all is well.
   */
  public List<ConfigProblem> validate(ZonePlacement zones) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (GeoService s : services) {
      String why =
          switch (zones.classify(s.name())) {
            case SERVED -> null;
            case OUTSIDE_ZONES -> "service " + s.name() + " is in no served zone";
            case BELOW_DELEGATION ->
                "service "
                    + s.name()
                    + " is at or below a delegation; the server answers it with a referral";
            case AT_CNAME ->
                "service "
                    + s.name()
                    + " owns a CNAME in its zone; a geo service answers A and AAAA itself";
          };
      if (why != null) {
        problems.add(new ConfigProblem(fileName, s.line(), why));
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The services whose zone is signed (DNSSEC): their answers are chosen per client and go out
   * without RRSIGs, which validating resolvers take as bogus, answering SERVFAIL. Not an error: the
   * rest of the zone validates, and the operator decides; one problem per such service, to be
   * reported as a warning.
   */
  public List<ConfigProblem> unsignedServices(ZonePlacement zones) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (GeoService s : services) {
      String zone = zones.signedZone(s.name());
      if (zone != null) {
        problems.add(
            new ConfigProblem(
                fileName,
                s.line(),
                "service "
                    + s.name()
                    + " is in the signed zone "
                    + zone
                    + ": its geo answers go out unsigned (the zone arrived signed and has no keys here"
                    + " to sign them with), so"
                    + " validating resolvers answer SERVFAIL for it; serve it from an unsigned"
                    + " zone, or drop it from geo.yaml"));
      }
    }
    return List.copyOf(problems);
  }

  String fileName() {
    return fileName;
  }

  List<Pop> pops() {
    return pops;
  }

  /** The index of {@code name} among the PoPs, or -1. */
  int popIndex(String name) {
    for (Pop p : pops) {
      if (p.name().equals(name)) {
        return p.index();
      }
    }
    return -1;
  }

  boolean isDown(int pop) {
    return down[pop];
  }

  PopOrders orders() {
    return orders;
  }

  /** The networks trie of {@code family} (1 IPv4, 2 IPv6). */
  NetworkTrie networks(int family) {
    return family == 1 ? v4 : v6;
  }

  /** The MaxMind database, or null when geo.yaml names none. */
  MmdbLocator mmdb() {
    return mmdb;
  }

  /** The services, in file order. */
  public List<GeoService> services() {
    return services;
  }

  /** Services by lowercase wire name. */
  NameTable<GeoService> serviceTable() {
    return serviceTable;
  }

  private static NameTable<GeoService> serviceTable(List<GeoService> services) {
    NameTable.Builder<GeoService> b = new NameTable.Builder<>(services.size());
    services.forEach(s -> b.put(s.wireName(), s));
    return b.build();
  }

  /** Every distinct address check, in file order. */
  List<CheckTarget> checkTargets() {
    return checkTargets;
  }

  private static List<CheckTarget> targets(List<Pop> pops, List<GeoService> services) {
    Set<CheckTarget> targets = new LinkedHashSet<>();
    for (GeoService s : services) {
      if (s.check() == null) {
        continue;
      }
      for (Pop p : pops) {
        for (int qtype : new int[] {1, 28}) {
          Arrays.stream(s.addresses(p.index(), qtype))
              .forEach(a -> targets.add(new CheckTarget(p.name(), a, s.check())));
        }
      }
    }
    return List.copyOf(targets);
  }
}
