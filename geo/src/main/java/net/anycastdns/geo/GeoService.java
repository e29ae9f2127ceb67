package net.anycastdns.geo;

import java.net.InetAddress;
import net.anycastdns.zones.WireName;

/**
 * One service of geo.yaml, compiled: its addresses by PoP index and type, ready for {@link
 * GeoResolver#decide}. Obtained from {@link GeoResolver#service}; compared by identity.
 */
public final class GeoService {
  private static final InetAddress[] NO_ADDRESSES = new InetAddress[0];

  private final String name;
  private final byte[] wireName;
  private final int line;
  private final long ttl;
  private final int popCount;
  private final InetAddress[][] v4;
  private final InetAddress[][] v6;
  private final HealthCheck check;

  /**
   * @param v4 the IPv4 addresses of each PoP, indexed by PoP index (null or empty: none)
   * @param v6 the IPv6 addresses likewise
   */
  GeoService(
      String name,
      int line,
      long ttl,
      int popCount,
      InetAddress[][] v4,
      InetAddress[][] v6,
      HealthCheck check) {
    this.name = name;
    this.wireName = WireName.of(name);
    this.line = line;
    this.ttl = ttl;
    this.popCount = popCount;
    this.v4 = v4.clone();
    this.v6 = v6.clone();
    this.check = check;
  }

  /** The absolute lowercase name with its trailing dot: {@code www.example.com.}. */
  public String name() {
    return name;
  }

  /** The TTL of its answers, in seconds. */
  public long ttl() {
    return ttl;
  }

  /** How many PoPs an answer holds at most (the service's {@code pops}). */
  public int popCount() {
    return popCount;
  }

  byte[] wireName() {
    return wireName;
  }

  int line() {
    return line;
  }

  /** The health check, or null when the service has none (all its addresses count as up). */
  HealthCheck check() {
    return check;
  }

  /** The addresses of {@code qtype} (1 = A, 28 = AAAA) at PoP {@code pop}; shared, never null. */
  InetAddress[] addresses(int pop, int qtype) {
    InetAddress[] a = (qtype == 1 ? v4 : v6)[pop];
    return a == null ? NO_ADDRESSES : a;
  }

  @Override
  public String toString() {
    return name;
  }
}
