package net.anycastdns.server.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.anycastdns.zones.Serials;
import net.anycastdns.zones.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * The last differences of each zone served, from which IXFR answers (RFC 1995): per zone a chain of
 * {@link ZoneDelta}s, each starting at the serial the one before ends at, at most {@code depth} of
 * them. A delta larger than the zone is not kept (the whole zone is smaller to send), and neither
 * is one that does not continue the chain (which then starts again from it).
 *
 * <p>Written by one thread (the transfer service's), read by the transfer threads: each zone's
 * chain is an immutable list, replaced whole.
 */
public final class IxfrHistory {
  private final int depth;
  private final Map<Name, List<ZoneDelta>> chains = new ConcurrentHashMap<>();

  /**
   * @param depth the deltas kept per zone; 0 keeps none (every IXFR is answered with the whole
   *     zone)
   */
  public IxfrHistory(int depth) {
    this.depth = depth;
  }

  /** Adds the newest change of zone {@code origin}, which is now {@code zone}. */
  public void record(ZoneSnapshot zone, ZoneDelta delta) {
    Name origin = zone.origin();
    List<ZoneDelta> chain = new ArrayList<>(chains.getOrDefault(origin, List.of()));
    if (!chain.isEmpty() && chain.get(chain.size() - 1).toSerial() != delta.fromSerial()) {
      chain.clear();
    }
    if (delta.records() <= zone.recordCount() && depth > 0) {
      chain.add(delta);
    } else {
      chain.clear();
    }
    while (chain.size() > depth) {
      chain.remove(0);
    }
    chains.put(origin, List.copyOf(chain));
  }

  /**
   * Adds a change that came before every delta kept for the zone (rebuilding the history from git
   * after a restart, newest first).
   *
   * @return false when it does not fit before them (or the chain is full): stop going back
   */
  public boolean prepend(ZoneSnapshot zone, ZoneDelta delta) {
    List<ZoneDelta> chain = new ArrayList<>(chains.getOrDefault(zone.origin(), List.of()));
    long next = chain.isEmpty() ? zone.serial() : chain.get(0).fromSerial();
    if (chain.size() >= depth || delta.toSerial() != next || delta.records() > zone.recordCount()) {
      return false;
    }
    chain.add(0, delta);
    chains.put(zone.origin(), List.copyOf(chain));
    return true;
  }

  /** Forgets the zones not in {@code served}. */
  public void retain(Set<Name> served) {
    chains.keySet().retainAll(served);
  }

  /**
   * The deltas that lead from {@code serial} to {@code zone}'s serial, oldest first, or null when
   * they are not all kept, or when together they carry more records than the zone (RFC 1995 section
   * 4 lets the server send the whole zone instead).
   */
  public List<ZoneDelta> chain(ZoneSnapshot zone, long serial) {
    List<ZoneDelta> chain = chains.getOrDefault(zone.origin(), List.of());
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).fromSerial() == serial) {
        List<ZoneDelta> tail = chain.subList(i, chain.size());
        long records = 0;
        for (ZoneDelta d : tail) {
          records += d.records();
        }
        boolean current = tail.get(tail.size() - 1).toSerial() == zone.serial();
        return current && records <= zone.recordCount() ? tail : null;
      }
    }
    return null;
  }

  /** Deltas kept for {@code origin}, for tests and logs. */
  public int size(Name origin) {
    return chains.getOrDefault(origin, List.of()).size();
  }

  /** Whether a client at {@code serial} is as new as {@code zone} or newer (RFC 1982). */
  static boolean current(ZoneSnapshot zone, long serial) {
    return serial == zone.serial() || Serials.isGreater(serial, zone.serial());
  }
}
