package net.anycastdns.geo;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
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

  /** Whether some PoP has addresses of {@code qtype} (1 = A, 28 = AAAA). */
  public boolean answers(int qtype) {
    for (int p = 0; p < v4.length; p++) {
      if (addresses(p, qtype).length > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The record data of every answer of {@code qtype} this service can give, at most {@code limit}
   * of them: the addresses of each set of up to {@link #popCount()} PoPs that have such addresses
   * (whichever are near, up or drained), and of all of them (failing open); not the answers of a
   * PoP some of whose addresses are failing their health checks. Order within an answer is not
   * given: the PoPs' order is the client's.
   */
  public List<byte[][]> answerSets(int qtype, int limit) {
    List<Integer> pops = new ArrayList<>();
    for (int p = 0; p < v4.length; p++) {
      if (addresses(p, qtype).length > 0) {
        pops.add(p);
      }
    }
    List<byte[][]> out = new ArrayList<>();
    subsets(pops, 0, new ArrayList<>(), qtype, limit, out);
    if (pops.size() > popCount && out.size() < limit) {
      out.add(rdata(pops, qtype));
    }
    return out;
  }

  private void subsets(
      List<Integer> pops,
      int from,
      List<Integer> chosen,
      int qtype,
      int limit,
      List<byte[][]> out) {
    if (!chosen.isEmpty()) {
      out.add(rdata(chosen, qtype));
    }
    if (chosen.size() == popCount) {
      return;
    }
    for (int i = from; i < pops.size() && out.size() < limit; i++) {
      chosen.add(pops.get(i));
      subsets(pops, i + 1, chosen, qtype, limit, out);
      chosen.remove(chosen.size() - 1);
    }
  }

  private byte[][] rdata(List<Integer> pops, int qtype) {
    List<byte[]> records = new ArrayList<>();
    for (int p : pops) {
      Selection.addDistinct(records, addresses(p, qtype));
    }
    return records.toArray(new byte[0][]);
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
