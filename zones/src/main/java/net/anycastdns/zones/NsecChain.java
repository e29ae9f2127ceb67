package net.anycastdns.zones;

/**
 * The NSEC chain of a signed zone (RFC 4034 section 4): the names that own an NSEC record, in
 * canonical order, so that the NSEC matching or covering any name is found by one binary search.
 */
final class NsecChain {
  private final Node[] nodes;

  /**
   * @param nodes the names owning an NSEC, each with {@link Node#denial} set to it, in canonical
   *     order
   */
  NsecChain(Node[] nodes) {
    this.nodes = nodes;
  }

  /**
   * The NSEC that matches or covers the lowercase name starting at {@code name[off]}: the one of
   * the greatest owner not after it in canonical order (the last one when the name comes before
   * them all, since the chain wraps), or null for an empty chain.
   */
  RRset covering(byte[] name, int off) {
    int lo = 0;
    int hi = nodes.length - 1;
    int found = nodes.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (WireName.compareCanonical(nodes[mid].name(), 0, name, off) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : nodes[found].denial;
  }

  /** The names of the chain in canonical order; not to be modified. */
  Node[] nodes() {
    return nodes;
  }
}
