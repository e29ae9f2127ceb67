package net.anycastdns.zones;

import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The authoritative lookup of RFC 1034 section 4.3.2 against one {@link ZoneSnapshot}, with RFC
 * 2181's clarifications, RFC 4592 wildcards and RFC 6672 DNAME. It fills a {@link LookupResult} and
 * builds no message.
 *
 * <p>A name is found by one hash probe; when it does not exist, the closest encloser is the longest
 * suffix that does (empty non-terminals are nodes). Cuts and DNAMEs above a node were linked at
 * load ({@link Node#cut()}), so no walk from the apex is needed.
 */
public final class ZoneLookup {
  /** Longest CNAME/DNAME chain followed, as CoreDNS caps it; loops stop earlier. */
  static final int MAX_CHAIN = 12;

  private ZoneLookup() {}

  /**
   * Looks up {@code qname} (lowercase wire format, inside {@code zone}) and type {@code qtype}.
   *
   * @param allOfAny for {@code ANY}, and {@code RRSIG} in a signed zone: true to answer every RRset
   *     (or the RRSIGs of every RRset) of the name, false to answer one (RFC 8482 section 4.2)
   */
  public static void lookup(
      ZoneSnapshot zone, byte[] qname, int qtype, boolean allOfAny, LookupResult result) {
    result.reset();
    byte[] name = qname;
    for (int chain = 0; ; chain++) {
      Node node = zone.find(name, 0);
      Node source;
      if (node != null) {
        Node cut = node.cut();
        if (cut != null && cut != node) {
          if (!belowCut(zone, cut, name, chain, result)) {
            return;
          }
          name = nextName(result);
          continue;
        }
        // At a delegation point only DS is the parent's data (RFC 4035 section 3.1.4.1).
        if (node.isDelegation() && qtype != Type.DS) {
          referral(node, name, chain, result);
          return;
        }
        source = node;
        result.found(name, node, null);
      } else {
        Node encloser = closestEncloser(zone, name);
        if (encloser.cut() != null) {
          if (!belowCut(zone, encloser.cut(), name, chain, result)) {
            return;
          }
          name = nextName(result);
          continue;
        }
        source = encloser.wildcard();
        if (source == null) {
          // RFC 6604 section 3: after a CNAME the rcode is that of the last name.
          result.found(name, null, encloser);
          result.set(LookupResult.Kind.NXDOMAIN, Rcode.NXDOMAIN);
          result.authority().add(zone.apexName(), zone.negativeSoa());
          return;
        }
        result.synthesized(name, source, encloser);
      }
      RRset cname = answerFrom(zone, source, name, qtype, allOfAny, result);
      if (cname == null) {
        return;
      }
      byte[] target = cname.target();
      if (chain + 1 >= MAX_CHAIN
          || !WireName.isSubdomain(target, zone.apexName())
          || result.answer().containsOwner(target)) {
        return; // leaves the zone, loops or is too long: the resolver goes on from here
      }
      name = target;
    }
  }

  /**
   * Fills {@code result} with an answer chosen outside the zone data (a GeoDNS decision) for {@code
   * qname}: the RRset when it has records, else NODATA with the zone's SOA (RFC 2308).
   */
  public static void answerWith(ZoneSnapshot zone, byte[] qname, RRset rrset, LookupResult result) {
    result.reset();
    // The name's own node, for the NODATA proof of a signed zone; unsigned zones skip the probe.
    result.found(qname, zone.dnssec() == null ? null : zone.find(qname, 0), null);
    if (rrset.size() > 0) {
      addAnswer(qname, rrset, result);
      result.set(LookupResult.Kind.ANSWER, Rcode.NOERROR);
    } else {
      result.set(LookupResult.Kind.NODATA, Rcode.NOERROR);
      result.authority().add(zone.apexName(), zone.negativeSoa());
    }
  }

  /**
   * Fills {@code result} with NODATA for a name that exists outside the zone data (a GeoDNS service
   * name the zone file has no record of): the SOA, and no wildcard synthesis, which is for names
   * that do not exist (RFC 4592 section 2.2.1).
   */
  public static void noData(ZoneSnapshot zone, LookupResult result) {
    result.reset();
    result.set(LookupResult.Kind.NODATA, Rcode.NOERROR);
    result.authority().add(zone.apexName(), zone.negativeSoa());
  }

  /** Adds the data of {@code node} for {@code owner}; returns the CNAME to follow, if any. */
  private static RRset answerFrom(
      ZoneSnapshot zone,
      Node node,
      byte[] owner,
      int qtype,
      boolean allOfAny,
      LookupResult result) {
    if (qtype == Type.ANY && !node.isEmpty()) {
      boolean added = false;
      for (int i = 0; i < node.rrsetCount(); i++) {
        RRset rrset = node.rrsetAt(i);
        // An NSEC is no data a wildcard stands in for (RFC 4592 section 4.3), nor one a resolver
        // without DO is given unasked (RFC 3225 section 3): the DNSSEC stage adds the name's own.
        if (rrset.type() != Type.NSEC && (allOfAny || !added)) {
          addAnswer(owner, rrset, result);
          added = true;
        }
      }
      if (added) {
        // At an alias the answer is the CNAME alone, as PowerDNS and NSD give it.
        if (allOfAny && result.encloser() == null && node.rrset(Type.CNAME) == null) {
          result.answeredEveryRRsetOf(node);
        }
        result.set(LookupResult.Kind.ANSWER, Rcode.NOERROR);
        return null;
      }
    }
    RRset rrset = node.rrset(qtype);
    if (rrset != null) {
      addAnswer(owner, rrset, result);
      result.set(LookupResult.Kind.ANSWER, Rcode.NOERROR);
      return null;
    }
    if (qtype == Type.RRSIG && addSignatures(owner, node, allOfAny, result)) {
      result.set(LookupResult.Kind.ANSWER, Rcode.NOERROR);
      return null;
    }
    RRset cname = node.rrset(Type.CNAME);
    if (cname != null) {
      addAnswer(owner, cname, result);
      result.set(LookupResult.Kind.ANSWER, Rcode.NOERROR);
      return cname;
    }
    result.set(LookupResult.Kind.NODATA, Rcode.NOERROR);
    result.authority().add(zone.apexName(), zone.negativeSoa());
    return null;
  }

  /**
   * A query for type RRSIG in a signed zone, whose RRSIGs hang on the RRsets they cover: the RRSIGs
   * of every RRset of the name, or over UDP of the first only, as for ANY (RFC 8482 section 4.2: a
   * query no validator sends, and a large answer). Returns false when the name has none.
   */
  private static boolean addSignatures(
      byte[] owner, Node node, boolean allOfAny, LookupResult result) {
    boolean added = false;
    for (int i = 0; i < node.rrsetCount(); i++) {
      RRset r = node.rrsetAt(i);
      if (r.signatureCount() > 0 && (allOfAny || !added)) {
        result.answer().addSignaturesOnly(owner, r);
        added = true;
      }
    }
    return added;
  }

  private static void addAnswer(byte[] owner, RRset rrset, LookupResult result) {
    result.answer().add(owner, rrset);
    for (RRset extra : rrset.additional()) {
      if (!result.additional().containsRRset(extra)) {
        // Data of the answer's own node (the addresses of an SVCB TargetName ".") goes under the
        // name the answer goes under: the query name, when a wildcard answered (RFC 4592).
        result.additional().add(extra.owner() == rrset.owner() ? owner : extra.owner(), extra);
      }
    }
  }

  /**
   * {@code name} lies below {@code cut}: a referral, or a DNAME substitution. Returns true when a
   * synthesized CNAME was added and its target is to be looked up next.
   */
  private static boolean belowCut(
      ZoneSnapshot zone, Node cut, byte[] name, int chain, LookupResult result) {
    if (cut.isDelegation()) {
      referral(cut, name, chain, result);
      return false;
    }
    RRset dname = cut.rrset(Type.DNAME);
    result.answer().add(dname.owner(), dname);
    int prefix = name.length - cut.name().length;
    byte[] targetCase = dname.rdata(0);
    if (prefix + targetCase.length > WireName.MAX_LENGTH) {
      result.set(LookupResult.Kind.YXDOMAIN, Rcode.YXDOMAIN);
      return false;
    }
    byte[] synthesized = new byte[prefix + targetCase.length];
    System.arraycopy(name, 0, synthesized, 0, prefix);
    System.arraycopy(targetCase, 0, synthesized, prefix, targetCase.length);
    // RFC 6672 section 3.2: the synthesized CNAME has the DNAME's TTL.
    RRset cname = RRset.synthesizedCname(name, synthesized, dname.ttl());
    result.answer().add(name, cname);
    result.set(LookupResult.Kind.ANSWER, Rcode.NOERROR);
    byte[] next = cname.target();
    return chain + 1 < MAX_CHAIN
        && WireName.isSubdomain(next, zone.apexName())
        && !result.answer().containsOwner(next);
  }

  /** The target of the CNAME just added, lowercase. */
  private static byte[] nextName(LookupResult result) {
    LookupResult.Section answer = result.answer();
    return answer.rrset(answer.size() - 1).target();
  }

  private static void referral(Node cut, byte[] name, int chain, LookupResult result) {
    RRset ns = cut.rrset(Type.NS);
    result.referredAt(name, cut);
    result.set(LookupResult.Kind.REFERRAL, Rcode.NOERROR);
    // After a CNAME the answer section holds authoritative data, so AA stays set.
    result.setAuthoritative(chain > 0);
    result.authority().add(cut.name(), ns);
    for (RRset glue : ns.additional()) {
      result.additional().add(glue.owner(), glue);
    }
  }

  /** The longest existing ancestor of a name that does not exist; the apex at worst. */
  private static Node closestEncloser(ZoneSnapshot zone, byte[] name) {
    int apexOffset = name.length - zone.apexName().length;
    for (int off = WireName.nextLabel(name, 0);
        off < apexOffset;
        off = WireName.nextLabel(name, off)) {
      Node n = zone.find(name, off);
      if (n != null) {
        return n;
      }
    }
    return zone.apex();
  }
}
