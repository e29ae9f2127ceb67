package net.anycastdns.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PoP orders (arrays of PoP indices, nearest first) and the table of the distinct orders the {@code
 * networks} entries produce. Two entries with the same order give the same answer under every
 * health state, so the ECS scope search compares answers per order id, not per entry.
 */
final class PopOrders {
  private final List<int[]> orders;

  private PopOrders(List<int[]> orders) {
    this.orders = orders;
  }

  /** The order with id {@code id}; shared, not to be modified. */
  int[] get(int id) {
    return orders.get(id);
  }

  /** How many distinct orders there are; ids run from 0 to this minus one. */
  int count() {
    return orders.size();
  }

  /** Every PoP by distance from a point; equal distances keep file order. */
  static int[] byDistance(List<Pop> pops, double lat, double lon) {
    double[] km = new double[pops.size()];
    Integer[] idx = new Integer[pops.size()];
    for (Pop p : pops) {
      km[p.index()] = GreatCircle.km(lat, lon, p.lat(), p.lon());
      idx[p.index()] = p.index();
    }
    Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> km[i]).thenComparingInt(i -> i));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  /**
   * {@code first}, then every other PoP by distance from it: the order for a network pinned to a
   * PoP, and for a client of unknown location at the PoP that received the query.
   */
  static int[] startingAt(List<Pop> pops, int first) {
    Pop p = pops.get(first);
    int[] near = byDistance(pops, p.lat(), p.lon());
    int[] out = new int[near.length];
    out[0] = first;
    int n = 1;
    for (int i : near) {
      if (i != first) {
        out[n++] = i;
      }
    }
    return out;
  }

  /** The PoPs in file order: no location and no local PoP to go by. */
  static int[] fileOrder(int popCount) {
    int[] out = new int[popCount];
    Arrays.setAll(out, i -> i);
    return out;
  }

  /** Collects orders, giving equal orders the same id. */
  static final class Builder {
    private final List<int[]> orders = new ArrayList<>();
    private final Map<List<Integer>, Integer> ids = new HashMap<>();

    /** The id of {@code order}, new or already known. */
    int intern(int[] order) {
      List<Integer> key = Arrays.stream(order).boxed().toList();
      return ids.computeIfAbsent(
          key,
          k -> {
            orders.add(order.clone());
            return orders.size() - 1;
          });
    }

    PopOrders build() {
      return new PopOrders(List.copyOf(orders));
    }
  }
}
