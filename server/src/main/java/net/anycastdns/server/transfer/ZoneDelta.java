package net.anycastdns.server.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.anycastdns.zones.RRset;
import net.anycastdns.zones.ZoneSnapshot;

/**
 * How a zone changed from one serial to the next, as IXFR sends it (RFC 1995 section 4): the
 * records removed and the records added, each group as RRsets. Computed from the two compiled
 * snapshots, never from the files: what is compared is exactly what was served.
 *
 * @param fromSoa the SOA of the older version
 * @param toSoa the SOA of the newer version
 * @param removed the records of the older version that the newer lacks
 * @param added the records of the newer version that the older lacks
 */
public record ZoneDelta(
    long fromSerial,
    RRset fromSoa,
    long toSerial,
    RRset toSoa,
    List<RRset> removed,
    List<RRset> added) {
  public ZoneDelta {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }

  /**
   * The difference from {@code from} to {@code to}, two versions of one zone. An RRset whose TTL
   * changed is removed whole and added whole, since a record is known by its TTL too.
   */
  public static ZoneDelta between(ZoneSnapshot from, ZoneSnapshot to) {
    List<RRset> removed = new ArrayList<>();
    List<RRset> added = new ArrayList<>();
    from.forEachRRset(a -> addIfAny(removed, minus(a, to.counterpart(a))));
    to.forEachRRset(b -> addIfAny(added, minus(b, from.counterpart(b))));
    return new ZoneDelta(from.serial(), from.soa(), to.serial(), to.soa(), removed, added);
  }

  /** Records removed and added, SOAs not counted: what an IXFR of this delta carries. */
  public int records() {
    return count(removed) + count(added);
  }

  private static int count(List<RRset> rrsets) {
    int n = 0;
    for (RRset r : rrsets) {
      n += r.size();
    }
    return n;
  }

  /** The records of {@code x} not in {@code y} (all of them when the TTLs differ), or null. */
  private static RRset minus(RRset x, RRset y) {
    if (y == null || y.ttl() != x.ttl()) {
      return x;
    }
    if (containsAll(y, x)) {
      return null; // the usual case, found without making anything: most RRsets did not change
    }
    List<byte[]> kept = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      if (!contains(y, x.rdata(i))) {
        kept.add(x.rdata(i));
      }
    }
    return kept.isEmpty()
        ? null
        : RRset.of(x.owner(), x.type(), x.ttl(), kept.toArray(new byte[0][]));
  }

  private static boolean containsAll(RRset r, RRset of) {
    for (int i = 0; i < of.size(); i++) {
      if (!contains(r, of.rdata(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(RRset r, byte[] rdata) {
    for (int i = 0; i < r.size(); i++) {
      if (Arrays.equals(r.rdata(i), rdata)) {
        return true;
      }
    }
    return false;
  }

  private static void addIfAny(List<RRset> to, RRset r) {
    if (r != null) {
      to.add(r);
    }
  }
}
