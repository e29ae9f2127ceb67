package net.anycastdns.zones;

import org.xbill.DNS.Type;

/**
 * The DNSSEC stage of answering a query with the DO bit, after the lookup and before the message is
 * written: from what the lookup recorded in a {@link LookupResult}, it has the RRSIGs of every
 * RRset written with it and adds to the authority section the NSEC or NSEC3 records that prove what
 * the answer says (RFC 4035 section 3.1, RFC 5155 section 7.2):
 *
 * <ul>
 *   <li>ANY answered with every RRset of a name: its NSEC too, which the lookup leaves out.
 *   <li>NXDOMAIN: under NSEC the NSEC covering the name and the one covering the wildcard at the
 *       closest encloser (RFC 4035 3.1.3.2); under NSEC3 the closest encloser proof (the NSEC3
 *       matching the closest encloser, the one covering the next closer name) and the NSEC3
 *       covering the wildcard (RFC 5155 7.2.2).
 *   <li>NODATA: the NSEC of the name, or for an empty non-terminal the NSEC covering it (RFC 4035
 *       3.1.3.1, 3.1.3.2); the NSEC3 matching the name (RFC 5155 7.2.3); for a DS query at a
 *       delegation that opt-out left out of the chain, the closest provable encloser proof (RFC
 *       5155 7.2.4).
 *   <li>Wildcard answers, at every step of a CNAME chain that used one: the proof that the name
 *       itself does not exist (RFC 4035 3.1.3.3, RFC 5155 7.2.6); wildcard NODATA adds the NSEC or
 *       NSEC3 of the wildcard (RFC 4035 3.1.3.4, RFC 5155 7.2.5).
 *   <li>Referrals: the signed DS RRset, or the proof that there is none: the NSEC of the cut, the
 *       NSEC3 matching it, or with opt-out the closest provable encloser proof (RFC 4035 3.1.4, RFC
 *       5155 7.2.7). Glue and the NS RRset of a cut carry no RRSIGs.
 * </ul>
 *
 * <p>Each proof record is added once, with its RRSIGs. A synthesized CNAME (DNAME, RFC 6672 section
 * 5.3.1) has none. The chains and each name's own NSEC or NSEC3 were found at load ({@link
 * SignedZone}); what a query costs is the NSEC3 hashes of names that do not exist and binary
 * searches. One instance belongs to one thread, whose buffers it reuses: it allocates nothing.
 */
public final class DnssecProofs {
  private final Nsec3Hash hasher = new Nsec3Hash();

  /** {@code *.} and a closest encloser: the wildcard whose absence an NXDOMAIN proves. */
  private final byte[] wildcard = new byte[WireName.MAX_LENGTH + 2];

  /**
   * Adds the RRSIGs and proofs to {@code result}, just looked up in {@code zone} for a query with
   * the DO bit. Does nothing when the zone is not signed.
   */
  public void addTo(ZoneSnapshot zone, LookupResult result) {
    SignedZone signed = zone.dnssec();
    if (signed == null) {
      return;
    }
    sign(result.answer());
    sign(result.authority());
    sign(result.additional());
    Node any = result.everyRRsetOf();
    RRset nsec = any == null ? null : any.rrset(Type.NSEC);
    if (nsec != null) {
      result.answer().addSigned(result.lastName(), nsec); // every RRset of the name, with DO
    }
    LookupResult.Section authority = result.authority();
    for (int i = 0; i < result.wildcards(); i++) {
      noCloserName(signed, result.wildcardName(i), result.wildcardEncloser(i), authority);
    }
    switch (result.kind()) {
      case NXDOMAIN -> nameError(signed, result.lastName(), result.encloser(), authority);
      case NODATA -> noData(signed, result, authority);
      case REFERRAL -> delegation(signed, result.cut(), authority);
      default -> {
        // ANSWER needs no more than its RRSIGs (and the wildcard proofs above); YXDOMAIN has the
        // signed DNAME.
      }
    }
  }

  private static void sign(LookupResult.Section section) {
    for (int i = 0; i < section.size(); i++) {
      section.sign(i);
    }
  }

  /** A wildcard answered for {@code name}: prove that no closer match exists. */
  private void noCloserName(SignedZone z, byte[] name, Node encloser, LookupResult.Section auth) {
    if (z.nsec3() == null) {
      add(auth, z.nsec().covering(name, 0));
    } else {
      coverNextCloser(z.nsec3(), name, encloser, auth);
    }
  }

  private void nameError(SignedZone z, byte[] name, Node encloser, LookupResult.Section auth) {
    if (z.nsec3() == null) {
      add(auth, z.nsec().covering(name, 0));
      add(auth, z.nsec().covering(wildcardOf(encloser), 0));
      return;
    }
    Node provable = closestProvable(encloser);
    add(auth, provable.denial);
    coverNextCloser(z.nsec3(), name, provable, auth);
    byte[] w = wildcardOf(provable);
    coverHash(z.nsec3(), w, 0, 2 + provable.name().length, auth);
  }

  private void noData(SignedZone z, LookupResult r, LookupResult.Section auth) {
    Node node = r.lastNode();
    if (node == null) {
      return; // a GeoDNS name without a node of its own: nothing to prove it by
    }
    if (z.nsec3() == null) {
      if (node.denial != null) {
        add(auth, node.denial);
      } else {
        // An empty non-terminal: the NSEC covering its name, which for a wildcard that is one is
        // the wildcard's, not the query name's (RFC 4035 section 3.1.3.4).
        add(auth, z.nsec().covering(node.name(), 0));
      }
      return;
    }
    if (r.encloser() != null) { // wildcard NODATA: the next closer name was covered above
      add(auth, closestProvable(r.encloser()).denial);
      add(auth, node.denial);
    } else if (node.denial != null) {
      add(auth, node.denial);
    } else {
      closestProvableEncloserProof(z.nsec3(), r.lastName(), node, auth);
    }
  }

  private void delegation(SignedZone z, Node cut, LookupResult.Section auth) {
    RRset ds = cut.rrset(Type.DS);
    if (ds != null) {
      auth.addSigned(cut.name(), ds);
    } else if (cut.denial != null) {
      add(auth, cut.denial);
    } else if (z.nsec3() != null) {
      closestProvableEncloserProof(z.nsec3(), cut.name(), cut, auth);
    }
  }

  /**
   * RFC 5155 section 7.2.1 for a name without an NSEC3 of its own (opt-out left it out): the NSEC3
   * of its closest provable encloser and the one covering the next closer name, which has the
   * opt-out flag.
   */
  private void closestProvableEncloserProof(
      Nsec3Chain chain, byte[] name, Node node, LookupResult.Section auth) {
    Node provable = closestProvable(node.parent);
    add(auth, provable.denial);
    coverNextCloser(chain, name, provable, auth);
  }

  /** The NSEC3 covering the hash of the next closer name of {@code name} below {@code encloser}. */
  private void coverNextCloser(
      Nsec3Chain chain, byte[] name, Node encloser, LookupResult.Section auth) {
    int encloserLength = encloser.name().length;
    int off = 0;
    while (name.length - WireName.nextLabel(name, off) > encloserLength) {
      off = WireName.nextLabel(name, off);
    }
    coverHash(chain, name, off, name.length, auth);
  }

  private void coverHash(
      Nsec3Chain chain, byte[] name, int off, int end, LookupResult.Section auth) {
    int i = chain.find(hasher, name, off, end);
    if (i >= 0) {
      add(auth, chain.record(i));
    }
  }

  /** The node itself or its nearest ancestor with an NSEC3 (RFC 5155 section 7.2.1). */
  private static Node closestProvable(Node node) {
    Node n = node;
    while (n.denial == null && n.parent != null) {
      n = n.parent;
    }
    return n;
  }

  /** {@code *.} and the encloser's name, in this instance's buffer. */
  private byte[] wildcardOf(Node encloser) {
    byte[] name = encloser.name();
    wildcard[0] = 1;
    wildcard[1] = '*';
    System.arraycopy(name, 0, wildcard, 2, name.length);
    return wildcard;
  }

  /** Adds a proof record with its RRSIGs, once. */
  private static void add(LookupResult.Section auth, RRset proof) {
    if (proof != null && !auth.containsRRset(proof)) {
      auth.addSigned(proof.owner(), proof);
    }
  }
}
