package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * Resolves, once per load, the additional-section data of each RRset of a compiled zone: the A and
 * AAAA RRsets of the names NS, MX and SRV records point at (RFC 1035 section 3.3), and for SVCB and
 * HTTPS RRsets what {@link ServiceBindingAdditional} finds. One instance serves one zone's compile
 * and reuses its buffers from RRset to RRset, so that a zone of a million MX records makes no
 * garbage for them.
 */
final class AdditionalLinks {
  private static final int[] ADDRESS_TYPES = {Type.A, Type.AAAA};

  private final NameTable<Node> table;
  private final byte[] apexName;
  private final ServiceBindingAdditional services;
  private final byte[] lower = new byte[WireName.MAX_LENGTH];
  private final List<Node> targets = new ArrayList<>();
  private final List<RRset> additional = new ArrayList<>();

  /**
   * @param table the compiled zone's names
   * @param apexName the zone's lowercase wire-format name
   */
  AdditionalLinks(NameTable<Node> table, byte[] apexName) {
    this.table = table;
    this.apexName = apexName;
    this.services = new ServiceBindingAdditional(this);
  }

  /**
   * The node of the name {@code data[off, off + length)} (wire form, any letter case), or null when
   * the zone has no such name or the name lies outside it.
   */
  Node find(byte[] data, int off, int length) {
    for (int k = 0; k < length; k++) {
      lower[k] = WireName.lower(data[off + k]);
    }
    return WireName.isSubdomain(lower, length, apexName) ? table.get(lower, 0, length) : null;
  }

  /** Sets the additional-section RRsets of {@code rrset}, an RRset of this zone. */
  void link(RRset rrset) {
    if (ServiceBindingAdditional.applies(rrset.type())) {
      rrset.setAdditional(services.of(rrset));
      return;
    }
    int targetOffset;
    switch (rrset.type()) {
      case Type.NS -> targetOffset = 0;
      case Type.MX -> targetOffset = 2;
      case Type.SRV -> targetOffset = 6;
      default -> {
        return;
      }
    }
    targets.clear();
    for (int i = 0; i < rrset.size(); i++) {
      byte[] rd = rrset.rdata(i);
      Node t = find(rd, targetOffset, rd.length - targetOffset);
      // Glue below a cut belongs in referrals only; other answers carry authoritative data.
      if (t != null && !targets.contains(t) && (rrset.type() == Type.NS || !t.isOccluded())) {
        targets.add(t);
      }
    }
    additional.clear();
    addAddresses(targets, additional);
    rrset.setAdditional(additional);
  }

  /**
   * Adds the A RRsets of {@code targets}, then their AAAA RRsets, so that IPv4 addresses survive
   * truncation first (as NSD does).
   */
  static void addAddresses(List<Node> targets, List<RRset> additional) {
    for (int type : ADDRESS_TYPES) {
      for (Node target : targets) {
        RRset address = target.rrset(type);
        if (address != null) {
          additional.add(address);
        }
      }
    }
  }
}
