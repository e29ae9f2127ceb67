package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Type;

/**
 * The DNSSEC part of compiling a zone that arrived signed, run by {@link ZoneCompiler} once the
 * names are linked and before the name table is built. It works on the compiled RRsets:
 *
 * <ul>
 *   <li>each RRSIG moves from the name's RRSIG RRset onto the RRset it covers (by owner and type
 *       covered), where the writer finds it; only authoritative RRsets get theirs (at a delegation
 *       point, DS and NSEC: RFC 4035 section 2.2), so glue and the NS of a cut stay unsigned;
 *   <li>NSEC3 owners are marked {@link Node#NSEC3_OWNER}, kept out of the name table (a query for
 *       one is answered as if it did not exist, RFC 5155 section 7.2.9) and become the NSEC3 chain,
 *       sorted by hash;
 *   <li>every name of the chain gets its NSEC, or the NSEC3 matching its hash, in {@link
 *       Node#denial}; under NSEC the names are put in canonical order.
 * </ul>
 */
final class SignedZoneCompiler {
  private SignedZoneCompiler() {}

  /** An NSEC3 record and the hash its owner stands for. */
  private static final class HashedRecord {
    final byte[] hash;
    final RRset record;

    HashedRecord(byte[] hash, RRset record) {
      this.hash = hash;
      this.record = record;
    }
  }

  /**
   * Compiles the DNSSEC data of the zone whose names are {@code nodes} (cuts already linked), or
   * returns null, changing nothing, when the zone is not signed.
   */
  static SignedZone compile(Node apex, Node[] nodes) {
    if (apex.rrset(Type.DNSKEY) == null || apex.rrset(Type.RRSIG) == null) {
      return null;
    }
    RRset nsec3param = apex.rrset(Type.NSEC3PARAM);
    long earliest = Long.MAX_VALUE;
    List<Node> nsecNames = new ArrayList<>();
    List<HashedRecord> nsec3 = new ArrayList<>();
    List<RRset> malformed = new ArrayList<>();
    for (Node n : nodes) {
      earliest = Math.min(earliest, attachSignatures(n));
      if (isNsec3Owner(n, apex)) {
        n.flags |= Node.NSEC3_OWNER;
        byte[] hash = Nsec3Hash.decodeLabel(n.name());
        if (hash == null) {
          malformed.add(n.rrsetAt(0));
        } else {
          nsec3.add(new HashedRecord(hash, n.rrsetAt(0)));
        }
      } else if (nsec3param == null && inChain(n) && n.rrset(Type.NSEC) != null) {
        n.denial = n.rrset(Type.NSEC);
        nsecNames.add(n);
      }
    }
    if (nsec3param == null) {
      Node[] order = nsecNames.toArray(new Node[0]);
      Arrays.sort(order, (a, b) -> WireName.compareCanonical(a.name(), 0, b.name(), 0));
      // NSEC3 records without an NSEC3PARAM belong to no chain: the checks report them.
      nsec3.forEach(h -> malformed.add(h.record));
      return new SignedZone(new NsecChain(order), null, earliest, malformed);
    }
    Nsec3Chain chain = nsec3Chain(nsec3param.rdata(0), nsec3);
    Nsec3Hash hasher = new Nsec3Hash();
    for (Node n : nodes) {
      if ((n.flags & Node.NSEC3_OWNER) == 0 && inChain(n)) {
        byte[] hash = hasher.hash(chain.parameters(), n.name(), 0, n.name().length);
        int i = chain.find(hash);
        if (i >= 0 && chain.matches(i, hash)) {
          n.denial = chain.record(i);
        }
      }
    }
    return new SignedZone(null, chain, earliest, malformed);
  }

  /**
   * True for the names a denial chain holds: authoritative names and delegation points, not the
   * names below a cut (RFC 4035 section 2.3, RFC 5155 section 7.1).
   */
  static boolean inChain(Node n) {
    return n.cut() == null || n.cut() == n;
  }

  /**
   * Appends to {@code types[count...]} the types GeoDNS answers at {@code n} in a zone signed here
   * (A, AAAA); returns the new count. Their answers are signed, so RRSIG belongs in the bit map
   * too.
   */
  static int addGeoTypes(Node n, int[] types, int count) {
    if ((n.flags & Node.GEO_A) != 0 && n.rrset(Type.A) == null) {
      types[count++] = Type.A;
    }
    if ((n.flags & Node.GEO_AAAA) != 0 && n.rrset(Type.AAAA) == null) {
      types[count++] = Type.AAAA;
    }
    return count;
  }

  /** True when {@code n} has data: RRsets, or in a zone signed here GeoDNS answers. */
  static boolean holdsData(Node n) {
    return !n.isEmpty() || (n.flags & (Node.GEO_A | Node.GEO_AAAA)) != 0;
  }

  /**
   * Under opt-out (RFC 5155 section 7.1) an insecure delegation may go without an NSEC3, and so may
   * an empty non-terminal with nothing but such delegations below it: the names that need one are
   * the others, found from the deepest up.
   */
  static Set<Node> neededUnderOptOut(Node[] nodes) {
    Node[] deepestFirst = nodes.clone();
    Arrays.sort(deepestFirst, Comparator.comparingInt((Node n) -> n.name().length).reversed());
    Set<Node> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node n : deepestFirst) {
      if (!inChain(n)) {
        continue;
      }
      boolean insecure = n.isDelegation() && n.rrset(Type.DS) == null;
      if ((!holdsData(n) && needed.contains(n)) || (holdsData(n) && !insecure)) {
        needed.add(n);
        if (n.parent != null) {
          needed.add(n.parent);
        }
      }
    }
    return needed;
  }

  /** True when the RRset of this type at {@code n} is authoritative data, which is signed. */
  static boolean isSigned(Node n, int type) {
    if (n.cut() == null) {
      return true;
    }
    if (n.cut() != n) {
      return false;
    }
    return !n.isDelegation() || type == Type.DS || type == Type.NSEC;
  }

  /**
   * Takes the name's RRSIG RRset apart onto the RRsets it covers; returns the earliest expiration
   * among the signatures kept. RRSIGs that cover nothing served (no such RRset, or one that is not
   * authoritative) are dropped.
   */
  private static long attachSignatures(Node n) {
    RRset rrsigs = n.rrset(Type.RRSIG);
    if (rrsigs == null) {
      return Long.MAX_VALUE;
    }
    RRset[] rest = new RRset[n.rrsetCount() - 1];
    int k = 0;
    for (RRset r : n.rrsets()) {
      if (r != rrsigs) {
        rest[k++] = r;
      }
    }
    n.setRRsets(rest);
    long earliest = Long.MAX_VALUE;
    for (RRset r : rest) {
      if (!isSigned(n, r.type())) {
        continue;
      }
      List<byte[]> covering = new ArrayList<>(1);
      for (int i = 0; i < rrsigs.size(); i++) {
        byte[] sig = rrsigs.rdata(i);
        if (DnssecRdata.rrsigTypeCovered(sig) == r.type()) {
          covering.add(sig);
          earliest = Math.min(earliest, DnssecRdata.rrsigExpiration(sig));
        }
      }
      if (!covering.isEmpty()) {
        r.setSignatures(covering.toArray(new byte[0][]));
      }
    }
    return earliest;
  }

  /** An NSEC3 owner: a child of the apex holding nothing but its NSEC3 RRset. */
  private static boolean isNsec3Owner(Node n, Node apex) {
    return n.parent == apex && n.rrsetCount() == 1 && n.rrsetAt(0).type() == Type.NSEC3;
  }

  private static Nsec3Chain nsec3Chain(byte[] parameters, List<HashedRecord> records) {
    HashedRecord[] sorted = records.toArray(new HashedRecord[0]);
    Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(a.hash, b.hash));
    byte[] hashes = new byte[sorted.length * Nsec3Hash.LENGTH];
    RRset[] rrsets = new RRset[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      System.arraycopy(sorted[i].hash, 0, hashes, i * Nsec3Hash.LENGTH, Nsec3Hash.LENGTH);
      rrsets[i] = sorted[i].record;
    }
    return new Nsec3Chain(parameters, hashes, rrsets);
  }
}
