package net.anycastdns.geo;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The {@code networks} entries of one address family as a binary trie, for the longest-prefix match
 * and for the ECS scope search.
 *
 * <p>Each node knows the distinct order ids (see {@link PopOrders}) of all entries below it, so the
 * scope search asks "does anything under this branch answer differently?" by looking at a handful
 * of order ids instead of walking every entry. Nodes on a single-child chain share their child's
 * array, which keeps this to about one array per entry.
 */
final class NetworkTrie {
  private static final int[] NONE = new int[0];

  private static final class Node {
    private final Node[] children = new Node[2];
    private GeoNetwork entry;
    private int orderId = -1;
    private int[] orderIds = NONE;
  }

  /** A longest-prefix match: the entry and the id of its PoP order. */
  record Match(GeoNetwork network, int orderId) {}

  private final Node root = new Node();
  private final int bits;

  /**
   * Builds the trie of the entries of one family ({@code bits} 32 or 128); {@code orderIds[i]} is
   * the order id of {@code entries.get(i)}.
   */
  NetworkTrie(int bits, List<GeoNetwork> entries, int[] orderIds) {
    this.bits = bits;
    for (int i = 0; i < entries.size(); i++) {
      GeoNetwork e = entries.get(i);
      Node n = root;
      for (int d = 0; d < e.prefix().length(); d++) {
        int b = e.prefix().bit(d);
        if (n.children[b] == null) {
          n.children[b] = new Node();
        }
        n = n.children[b];
      }
      n.entry = e;
      n.orderId = orderIds[i];
    }
    summarize(root);
  }

  /** Fills the order ids of {@code n} and everything below it; returns those of {@code n}. */
  private static int[] summarize(Node n) {
    int[] zero = n.children[0] == null ? NONE : summarize(n.children[0]);
    int[] one = n.children[1] == null ? NONE : summarize(n.children[1]);
    int[] below = zero.length == 0 ? one : one.length == 0 ? zero : union(zero, one);
    n.orderIds = n.orderId < 0 ? below : union(below, new int[] {n.orderId});
    return n.orderIds;
  }

  private static int[] union(int[] a, int[] b) {
    return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
  }

  /** The most specific entry containing the client's address, or null. */
  Match longestMatch(ClientSubnet client) {
    Node n = root;
    Node best = root.entry != null ? root : null;
    for (int d = 0; d < bits; d++) {
      n = n.children[client.bit(d)];
      if (n == null) {
        break;
      }
      if (n.entry != null) {
        best = n;
      }
    }
    return best == null ? null : new Match(best.entry, best.orderId);
  }

  /**
   * The ECS scope for a client whose answer holds on its own for the prefix {@code from} of its
   * address (the matched entry's length, or the MaxMind record's network, or 0) except where more
   * specific entries inside that prefix apply.
   *
   * <p>An entry E inside the client's {@code /from} that does not contain the client leaves it at
   * the first bit {@code d} where E's network and the client's address part; E lies inside the
   * client's {@code /s} exactly while {@code s <= d}. So the scope is one more than the deepest
   * such parting point whose branch holds an entry with a different answer ({@code differs} on its
   * order id), and {@code from} when there is none. The branches are the siblings of the client's
   * path through the trie, each one's order ids known ahead. Never wider than needed: RFC 7871
   * section 7.3.1 has resolvers reuse the answer for every client in the scope.
   */
  int scope(ClientSubnet client, int from, IntPredicate differs) {
    Node[] path = new Node[bits + 1];
    path[0] = root;
    int deepest = 0;
    while (deepest < bits) {
      Node next = path[deepest].children[client.bit(deepest)];
      if (next == null) {
        break;
      }
      path[++deepest] = next;
    }
    for (int d = Math.min(deepest, bits - 1); d >= from; d--) {
      Node branch = path[d].children[1 - client.bit(d)];
      if (branch != null && anyDiffers(branch.orderIds, differs)) {
        return d + 1;
      }
    }
    return from;
  }

  private static boolean anyDiffers(int[] orderIds, IntPredicate differs) {
    for (int id : orderIds) {
      if (differs.test(id)) {
        return true;
      }
    }
    return false;
  }
}
