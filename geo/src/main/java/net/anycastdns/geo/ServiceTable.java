package net.anycastdns.geo;

import java.util.Arrays;
import java.util.List;

/**
 * Services by lowercase wire name in an open-addressing table: the query path looks a name up as
 * the bytes it already has, without building a key object.
 */
final class ServiceTable {
  private final GeoService[] slots;
  private final int[] hashes;
  private final int mask;

  ServiceTable(List<GeoService> services) {
    int capacity = Integer.highestOneBit(Math.max(4, services.size() * 2 + 1)) << 1;
    slots = new GeoService[capacity];
    hashes = new int[capacity];
    mask = capacity - 1;
    for (GeoService s : services) {
      byte[] w = s.wireName();
      int h = DnsNames.hash(w, 0, w.length);
      int i = h & mask;
      while (slots[i] != null) {
        i = (i + 1) & mask;
      }
      slots[i] = s;
      hashes[i] = h;
    }
  }

  /** The service named {@code name[off, end)}, or null. */
  GeoService get(byte[] name, int off, int end) {
    int h = DnsNames.hash(name, off, end);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      GeoService s = slots[i];
      if (s == null) {
        return null;
      }
      byte[] w = s.wireName();
      if (hashes[i] == h && Arrays.equals(w, 0, w.length, name, off, end)) {
        return s;
      }
    }
  }
}
