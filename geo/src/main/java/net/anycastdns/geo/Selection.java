package net.anycastdns.geo;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which PoPs may answer one query type of one service under the current drain list and health: the
 * candidates (PoPs with addresses of the type), the eligible ones among them (not in {@code down},
 * not failing), and for any PoP order the first {@code pops} eligible PoPs. The chosen PoPs of each
 * order id are remembered, as the scope search asks for them repeatedly.
 */
final class Selection {
  private final GeoConfig config;
  private final GeoService service;
  private final int qtype;
  private final InetAddress[][] usable;
  private final int candidates;
  private final int eligible;
  private final int[][] chosenByOrderId;

  Selection(GeoConfig config, GeoService service, int qtype, HealthView health) {
    this.config = config;
    this.service = service;
    this.qtype = qtype;
    int popCount = config.pops().size();
    this.usable = new InetAddress[popCount][];
    int c = 0;
    int e = 0;
    for (Pop p : config.pops()) {
      InetAddress[] all = service.addresses(p.index(), qtype);
      if (all.length == 0) {
        continue;
      }
      c++;
      if (config.isDown(p.index())) {
        continue;
      }
      // A service without a check has nothing to consult: its addresses are up by definition,
      // whatever checks other services run against the same address.
      InetAddress[] up =
          service.check() == null
              ? all
              : Arrays.stream(all)
                  .filter(a -> health.healthy(p.name(), a))
                  .toArray(InetAddress[]::new);
      if (up.length > 0) {
        usable[p.index()] = up;
        e++;
      }
    }
    this.candidates = c;
    this.eligible = e;
    this.chosenByOrderId = new int[config.orders().count()][];
  }

  /** How many PoPs have addresses of the type at all. */
  int candidates() {
    return candidates;
  }

  /** How many of those are neither down nor failing. */
  int eligible() {
    return eligible;
  }

  /** The first {@code pops} eligible PoPs of {@code order}. */
  int[] choose(int[] order) {
    int[] out = new int[Math.min(service.popCount(), eligible)];
    int n = 0;
    for (int i = 0; i < order.length && n < out.length; i++) {
      if (usable[order[i]] != null) {
        out[n++] = order[i];
      }
    }
    return out;
  }

  /** {@link #choose} for the order with id {@code orderId}, computed once. */
  int[] chooseForOrderId(int orderId) {
    int[] c = chosenByOrderId[orderId];
    if (c == null) {
      c = choose(config.orders().get(orderId));
      chosenByOrderId[orderId] = c;
    }
    return c;
  }

  /** The usable addresses of the chosen PoPs, in order, each address once. */
  byte[][] rdata(int[] chosen) {
    List<byte[]> out = new ArrayList<>();
    for (int pop : chosen) {
      addDistinct(out, usable[pop]);
    }
    return out.toArray(new byte[0][]);
  }

  /** Fail-open: every address of the type of every candidate PoP, in file order. */
  byte[][] allAddresses() {
    List<byte[]> out = new ArrayList<>();
    for (Pop p : config.pops()) {
      addDistinct(out, service.addresses(p.index(), qtype));
    }
    return out.toArray(new byte[0][]);
  }

  /** The names of the candidate PoPs, in file order. */
  List<String> candidateNames() {
    List<String> out = new ArrayList<>();
    for (Pop p : config.pops()) {
      if (service.addresses(p.index(), qtype).length > 0) {
        out.add(p.name());
      }
    }
    return out;
  }

  /**
   * Two PoPs may list the same address (a shared front end); an RRset holds each record once (RFC
   * 2181 section 5).
   */
  static void addDistinct(List<byte[]> out, InetAddress[] addresses) {
    for (InetAddress a : addresses) {
      byte[] b = a.getAddress();
      if (out.stream().noneMatch(x -> Arrays.equals(x, b))) {
        out.add(b);
      }
    }
  }
}
