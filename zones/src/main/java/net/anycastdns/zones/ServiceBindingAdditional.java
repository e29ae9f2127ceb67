package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * The additional-section data of an SVCB or HTTPS RRset, found once when the zone is compiled (RFC
 * 9460 section 4.1: an authoritative server returns the A, AAAA and SVCB records of the TargetNames
 * that are in its zone).
 *
 * <ul>
 *   <li>Each record's TargetName, or in ServiceMode (SvcPriority above 0) for a TargetName of
 *       {@code .} the record's owner (RFC 9460 section 2.5.2), gives its A and AAAA RRsets.
 *   <li>An AliasMode record (SvcPriority 0) points at another name's SVCB or HTTPS RRset of the
 *       same type, which the client needs next: that RRset is added and followed in turn, as
 *       PowerDNS does, for at most {@link #MAX_ALIAS_STEPS} steps. An AliasMode TargetName of
 *       {@code .} means the service does not exist (RFC 9460 section 2.5.1) and adds nothing.
 *   <li>Only authoritative data: a target below a zone cut, outside the zone or missing adds
 *       nothing; there is no wildcard expansion, as for MX and SRV targets.
 * </ul>
 *
 * The SVCB and HTTPS RRsets come first, so that an answer cut short for size keeps what an
 * AliasMode client cannot do without, then every A, then every AAAA (as NSD orders addresses).
 */
final class ServiceBindingAdditional {
  /** AliasMode steps followed, as PowerDNS follows them; loops end earlier, at a repeated RRset. */
  static final int MAX_ALIAS_STEPS = 5;

  private final AdditionalLinks zone;
  private final List<RRset> services = new ArrayList<>();
  private final List<Node> targets = new ArrayList<>();

  /**
   * @param zone the links of the zone being compiled, whose names it finds targets among
   */
  ServiceBindingAdditional(AdditionalLinks zone) {
    this.zone = zone;
  }

  static boolean applies(int type) {
    return type == Type.SVCB || type == Type.HTTPS;
  }

  /** The additional-section RRsets of {@code rrset}, an SVCB or HTTPS RRset of this zone. */
  List<RRset> of(RRset rrset) {
    services.clear();
    targets.clear();
    follow(rrset, rrset, 0);
    List<RRset> additional = new ArrayList<>(services);
    AdditionalLinks.addAddresses(targets, additional);
    return additional;
  }

  private void follow(RRset answer, RRset rrset, int steps) {
    for (int i = 0; i < rrset.size(); i++) {
      byte[] rd = rrset.rdata(i);
      boolean aliasMode = rd.length >= 2 && rd[0] == 0 && rd[1] == 0;
      Node target = target(rrset.owner(), rd, aliasMode);
      if (target == null) {
        continue;
      }
      if (!targets.contains(target)) {
        targets.add(target);
      }
      RRset next = aliasMode ? target.rrset(rrset.type()) : null;
      if (next != null && next != answer && !services.contains(next) && steps < MAX_ALIAS_STEPS) {
        services.add(next);
        follow(answer, next, steps + 1);
      }
    }
  }

  /**
   * The authoritative node a record's TargetName names, or null: outside the zone, missing, below a
   * cut, {@code .} in AliasMode, or record data too short to hold a name (RFC 3597 generic form).
   */
  private Node target(byte[] owner, byte[] rd, boolean aliasMode) {
    int length = nameLength(rd, 2);
    if (length <= 0) {
      return null;
    }
    Node node;
    if (length == 1) {
      node = aliasMode ? null : zone.find(owner, 0, owner.length);
    } else {
      node = zone.find(rd, 2, length);
    }
    return node == null || node.isOccluded() ? null : node;
  }

  /** Length of the uncompressed name at {@code off}, or -1 when the data ends inside it. */
  private static int nameLength(byte[] rd, int off) {
    int i = off;
    while (i < rd.length && rd[i] != 0) {
      i += 1 + (rd[i] & 0xFF);
    }
    return i < rd.length ? i + 1 - off : -1;
  }
}
