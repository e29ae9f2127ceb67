package net.anycastdns.zones;

import java.util.Arrays;

/**
 * The NSEC3 chain of a signed zone (RFC 5155): its records sorted by hashed owner name, the hashes
 * side by side in one array, so that the record matching or covering a hash is found by one binary
 * search. The hash parameters are those of the NSEC3PARAM record at the apex.
 */
final class Nsec3Chain {
  private final byte[] parameters;
  private final byte[] hashes;
  private final RRset[] records;

  /**
   * @param parameters the NSEC3PARAM record data
   * @param hashes the hashed owner names, {@link Nsec3Hash#LENGTH} octets each, ascending
   * @param records the NSEC3 RRset of each hash, in the same order
   */
  Nsec3Chain(byte[] parameters, byte[] hashes, RRset[] records) {
    this.parameters = parameters;
    this.hashes = hashes;
    this.records = records;
  }

  /**
   * The position of the record that matches or covers the hash of the lowercase name {@code
   * name[off, end)} (see {@link #find(byte[])}), hashed with {@code hasher}.
   */
  int find(Nsec3Hash hasher, byte[] name, int off, int end) {
    return find(hasher.hash(parameters, name, off, end));
  }

  /** The NSEC3PARAM record data the chain was built for. */
  byte[] parameters() {
    return parameters;
  }

  int size() {
    return records.length;
  }

  RRset record(int i) {
    return records[i];
  }

  /**
   * The position of the record that matches or covers {@code hash}: the greatest hashed owner not
   * above it, or the last one when the hash precedes them all (the chain wraps, RFC 5155 section
   * 3.1.7); -1 for an empty chain.
   */
  int find(byte[] hash) {
    int lo = 0;
    int hi = records.length - 1;
    int found = records.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int at = mid * Nsec3Hash.LENGTH;
      if (Arrays.compareUnsigned(hashes, at, at + Nsec3Hash.LENGTH, hash, 0, Nsec3Hash.LENGTH)
          <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** True when record {@code i}'s hashed owner is {@code hash}. */
  boolean matches(int i, byte[] hash) {
    int at = i * Nsec3Hash.LENGTH;
    return Arrays.equals(hashes, at, at + Nsec3Hash.LENGTH, hash, 0, Nsec3Hash.LENGTH);
  }

  /** True when the next hashed owner field of record {@code i} is the hash of record {@code j}. */
  boolean nextIs(int i, int j) {
    byte[] rd = records[i].rdata(0);
    int h = DnssecRdata.nsec3HashLengthOffset(rd);
    int at = j * Nsec3Hash.LENGTH;
    return (rd[h] & 0xff) == Nsec3Hash.LENGTH
        && Arrays.equals(rd, h + 1, h + 1 + Nsec3Hash.LENGTH, hashes, at, at + Nsec3Hash.LENGTH);
  }
}
