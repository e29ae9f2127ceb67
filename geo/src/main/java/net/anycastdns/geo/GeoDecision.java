package net.anycastdns.geo;

import java.util.List;

/**
 * The answer for one service, client and query type: the address records to send, their TTL, and
 * the ECS scope to return. Immutable and shared through the resolver's cache.
 */
public final class GeoDecision {
  private final long ttl;
  private final int type;
  private final byte[][] rdata;
  private final int scopePrefix;
  private final List<String> pops;
  private final String location;
  private final List<String> popOrder;
  private final boolean failOpen;

  GeoDecision(
      long ttl,
      int type,
      byte[][] rdata,
      int scopePrefix,
      List<String> pops,
      String location,
      List<String> popOrder,
      boolean failOpen) {
    this.ttl = ttl;
    this.type = type;
    this.rdata = rdata;
    this.scopePrefix = scopePrefix;
    this.pops = List.copyOf(pops);
    this.location = location;
    this.popOrder = List.copyOf(popOrder);
    this.failOpen = failOpen;
  }

  /** TTL of the records, in seconds. */
  public long ttl() {
    return ttl;
  }

  /** 1 (A) or 28 (AAAA). */
  public int type() {
    return type;
  }

  /**
   * The record data: 4 octets per A, 16 per AAAA, nearest PoP first; empty for NODATA (no PoP of
   * the service has an address of this type). The arrays are the decision's own, not copies, so
   * that answering from the cache allocates nothing: callers must not modify them.
   */
  public byte[][] rdata() {
    return rdata;
  }

  /**
   * The SCOPE PREFIX-LENGTH to return in the ECS option (RFC 7871 section 7.2.1): every address
   * sharing this many leading bits with the client gets this same answer. It may exceed the query's
   * source prefix, meaning "more bits would have given a better-suited answer"; 0 when the answer
   * does not depend on the client. Only meaningful when the query carried ECS: without one, the
   * response carries none either.
   */
  public int scopePrefix() {
    return scopePrefix;
  }

  /** The PoPs answered, nearest first (for fail-open: every PoP with the type, in file order). */
  public List<String> pops() {
    return pops;
  }

  /**
   * How the client was located, for {@code geo-test} and logs: {@code network 198.51.100.0/24 at
   * 48.86,2.35}, {@code network 203.0.113.0/25 pinned to sin1}, {@code mmdb 48.86,2.35 in
   * 81.2.69.0/24}, {@code unknown: local pop fra1 first}, ...
   */
  public String location() {
    return location;
  }

  /**
   * Every PoP in the order considered for this client, before down and failing PoPs are skipped.
   */
  public List<String> popOrder() {
    return popOrder;
  }

  /**
   * Whether every PoP with addresses of this type was down or failing, so that all of them were
   * answered: better a far or possibly broken address than none (the server logs and counts it).
   */
  public boolean failOpen() {
    return failOpen;
  }

  @Override
  public String toString() {
    return "GeoDecision{pops="
        + pops
        + ", scope="
        + scopePrefix
        + ", location="
        + location
        + (failOpen ? ", fail-open" : "")
        + "}";
  }
}
