package net.anycastdns.zones;

import java.util.Collection;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * The zones served at one moment, immutable. A name's zone is found by trying its suffixes from the
 * longest down, each one a hash lookup: the cost grows with the name's label count, not with the
 * number of zones.
 */
public final class ZoneSet {
  private static final ZoneSet EMPTY = new ZoneSet(List.of(), 0);

  /** Apex name to the zone's position in {@link #zones}. */
  private final NameTable<Integer> byApex;

  private final List<ZoneSnapshot> zones;
  private final long generation;

  private ZoneSet(List<ZoneSnapshot> zones, long generation) {
    NameTable.Builder<Integer> b = new NameTable.Builder<>(zones.size());
    for (int i = 0; i < zones.size(); i++) {
      b.put(zones.get(i).apexName(), i);
    }
    this.byApex = b.build();
    this.zones = List.copyOf(zones);
    this.generation = generation;
  }

  /** A set of these zones; {@code generation} tells sets apart (it grows with every reload). */
  public static ZoneSet of(Collection<ZoneSnapshot> zones, long generation) {
    return new ZoneSet(List.copyOf(zones), generation);
  }

  public static ZoneSet empty() {
    return EMPTY;
  }

  /**
   * The zone with the longest apex that is a suffix of the lowercase wire name {@code name}, or
   * null when no zone contains it.
   */
  public ZoneSnapshot findZone(byte[] name) {
    int i = findZoneIndex(name);
    return i < 0 ? null : zones.get(i);
  }

  /**
   * The position in {@link #zones()} of the zone {@link #findZone} finds, or -1. Lets a caller keep
   * per-zone state in an array beside this set instead of hashing the zone per query.
   */
  public int findZoneIndex(byte[] name) {
    return indexOfSuffix(name, 0);
  }

  /**
   * The position of the zone to answer a query of type {@code qtype} for {@code name} from: the
   * zone {@link #findZoneIndex(byte[])} finds, except that a DS query for the apex of a zone whose
   * parent zone is served here too goes to the parent, since DS is the parent's data (RFC 4035
   * section 3.1.4.1). Without the parent, the child answers (NODATA at its apex), as Knot and NSD
   * do.
   */
  public int findZoneIndex(byte[] name, int qtype) {
    int i = indexOfSuffix(name, 0);
    if (qtype != Type.DS || i < 0 || name[0] == 0 || !isApex(name, i)) {
      return i;
    }
    int parent = indexOfSuffix(name, WireName.nextLabel(name, 0));
    return parent < 0 ? i : parent;
  }

  private boolean isApex(byte[] name, int zone) {
    return zones.get(zone).apexName().length == name.length;
  }

  /** The zone of the suffix {@code name[from, name.length)}, or -1. */
  private int indexOfSuffix(byte[] name, int from) {
    for (int off = from; off < name.length; off = WireName.nextLabel(name, off)) {
      Integer i = byApex.get(name, off);
      if (i != null) {
        return i;
      }
      if (name[off] == 0) {
        break;
      }
    }
    return -1;
  }

  public List<ZoneSnapshot> zones() {
    return zones;
  }

  public long generation() {
    return generation;
  }
}
