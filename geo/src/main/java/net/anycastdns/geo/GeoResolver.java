package net.anycastdns.geo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Answers geo services for one config, one local PoP and one health view. Immutable apart from its
 * cache, thread-safe, and lock-free on the query path: a cached decision is one hash probe away.
 * Build a new resolver when geo.yaml or the zones reload; the old one's cache goes with it.
 *
 * <p>Decisions are cached per (service, client family, client address as masked to its source
 * prefix, source prefix, query type, health generation). The generation is part of the key so a
 * health change takes effect on the next query without any invalidation pass; decisions of older
 * generations are simply never asked for again and age out of the bounded cache.
 */
public final class GeoResolver {
  /** Decisions kept at most, by default: a few tens of megabytes at the outside. */
  public static final long DEFAULT_CACHE_SIZE = 100_000;

  private static final byte[][] NO_RDATA = new byte[0][];

  private record DecisionKey(
      GeoService service,
      int family,
      long high,
      long low,
      int sourcePrefix,
      int qtype,
      long generation) {}

  private final GeoConfig config;
  private final String localPop;
  private final HealthView health;
  private final ClientLocator locator;
  private final Cache<DecisionKey, GeoDecision> cache;

  private GeoResolver(GeoConfig config, String localPop, HealthView health, long cacheSize) {
    this.config = config;
    this.localPop = localPop;
    this.health = health;
    this.locator = new ClientLocator(config, localPop == null ? -1 : config.popIndex(localPop));
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
  }

  /**
   * A resolver with the default cache size.
   *
   * @param localPop the PoP this server runs at ({@code serve --pop}), or null for none: clients of
   *     unknown location then get the PoPs in file order
   * @param health the health checks' view; {@link HealthView#ALL_HEALTHY} without checks
   * @throws IllegalArgumentException when {@code localPop} is not one of the config's PoPs
   */
  public static GeoResolver create(GeoConfig config, String localPop, HealthView health) {
    return create(config, localPop, health, DEFAULT_CACHE_SIZE);
  }

  /** {@link #create(GeoConfig, String, HealthView)} with a cache of at most {@code cacheSize}. */
  public static GeoResolver create(
      GeoConfig config, String localPop, HealthView health, long cacheSize) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(health, "health");
    if (localPop != null && !config.hasPop(localPop)) {
      throw new IllegalArgumentException(
          "unknown pop '"
              + localPop
              + "' ("
              + config.fileName()
              + " has "
              + String.join(", ", config.popNames())
              + ")");
    }
    return new GeoResolver(config, localPop, health, cacheSize);
  }

  public GeoConfig config() {
    return config;
  }

  /** This server's PoP, or null. */
  public String localPop() {
    return localPop;
  }

  /**
   * The geo service with this name, or null: the whole array is one uncompressed, lowercase wire
   * name ({@code 3 www 7 example 3 com 0}). No allocation.
   */
  public GeoService service(byte[] lowercaseWireName) {
    return config.serviceTable().get(lowercaseWireName, 0, lowercaseWireName.length);
  }

  /** {@link #service(byte[])} for the name held in {@code name[off, end)}. */
  public GeoService service(byte[] name, int off, int end) {
    return config.serviceTable().get(name, off, end);
  }

  /**
   * What to answer {@code client} for an A or AAAA query of {@code service}.
   *
   * @param service a service this resolver returned
   * @param client the ECS subnet, {@link ClientSubnet#of} the resolver's address without one, or
   *     {@link ClientSubnet#NONE} (any source prefix 0) when the client asked for no tailoring
   * @param qtype 1 (A) or 28 (AAAA)
   * @throws IllegalArgumentException for another query type, or a service of another resolver
   */
  public GeoDecision decide(GeoService service, ClientSubnet client, int qtype) {
    if (qtype != 1 && qtype != 28) {
      throw new IllegalArgumentException("geo services answer A (1) and AAAA (28), not " + qtype);
    }
    DecisionKey key =
        new DecisionKey(
            service,
            client.family(),
            client.high(),
            client.low(),
            client.sourcePrefix(),
            qtype,
            health.generation());
    GeoDecision d = cache.getIfPresent(key);
    if (d == null) {
      d = compute(service, client, qtype);
      cache.put(key, d);
    }
    return d;
  }

  private GeoDecision compute(GeoService service, ClientSubnet client, int qtype) {
    byte[] w = service.wireName();
    if (config.serviceTable().get(w, 0, w.length) != service) {
      throw new IllegalArgumentException("service " + service + " is not from this resolver");
    }
    Selection sel = new Selection(config, service, qtype, health);
    boolean anonymous = client.sourcePrefix() == 0;
    ClientLocator.Located where = anonymous ? locator.nobody() : locator.locate(client);
    List<String> order = names(where.order());
    if (sel.candidates() == 0) {
      // NODATA everywhere alike: no PoP has the type. Scope 0 also keeps clear of the mixing of
      // tailored positive and negative answers that RFC 7871 section 7.4 leaves unresolved.
      return new GeoDecision(
          service.ttl(), qtype, NO_RDATA, 0, List.of(), where.description(), order, false);
    }
    if (sel.eligible() == 0) {
      // Fail open: every candidate drained or failing. Rather answer them all, in file order and
      // the same for everyone, than leave the name without addresses.
      return new GeoDecision(
          service.ttl(),
          qtype,
          sel.allAddresses(),
          0,
          sel.candidateNames(),
          where.description(),
          order,
          true);
    }
    int[] chosen = sel.choose(where.order());
    // Scope 0 says "suitable for all addresses in FAMILY" (RFC 7871 section 7.2.1): right when a
    // single PoP is left to answer, and required for source prefix 0, whose answers resolvers
    // keep apart for /0 queries only (section 7.3.1).
    int scope =
        anonymous || sel.eligible() == 1
            ? 0
            : config
                .networks(client.family())
                .scope(
                    client,
                    where.scopeFrom(),
                    id -> !Arrays.equals(sel.chooseForOrderId(id), chosen));
    return new GeoDecision(
        service.ttl(),
        qtype,
        sel.rdata(chosen),
        scope,
        names(chosen),
        where.description(),
        order,
        false);
  }

  private List<String> names(int[] pops) {
    return Arrays.stream(pops).mapToObj(i -> config.pops().get(i).name()).toList();
  }
}
