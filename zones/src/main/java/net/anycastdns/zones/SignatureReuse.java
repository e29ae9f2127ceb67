package net.anycastdns.zones;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.anycastdns.zones.keys.SigningKey;

/**
 * Which signatures of the snapshot served until now a new signing of the zone ({@link ZoneSigner})
 * serves again, so that a reload that changed a few records signs only the changed RRsets and their
 * NSEC or NSEC3 neighbours, as Knot's incremental signing does.
 *
 * <p>An RRset keeps its signatures when the snapshot before holds the same RRset (owner, type, TTL
 * and records: what RFC 4034 section 3.1.8.1 signs) signed by exactly the keys that would sign it
 * now (algorithm and key tag), and each of them is still valid for more than the refresh time plus
 * a tenth of the validity: a refresh then re-signs together every signature that falls due within
 * that tenth, instead of one small batch after another. A signature valid for longer than the
 * policy now allows (the validity was shortened) is made again.
 */
final class SignatureReuse {
  /** No snapshot before, or one this server did not sign: everything is signed. */
  static final SignatureReuse NONE = new SignatureReuse(null, 0, 0);

  private final ZoneSnapshot before;

  /** A signature expiring at or before this (seconds since 1970) is made again. */
  private final long keepAfter;

  /** A signature expiring after this is made again: it outlasts the validity of the policy. */
  private final long keepUntil;

  private SignatureReuse(ZoneSnapshot before, long keepAfter, long keepUntil) {
    this.before = before;
    this.keepAfter = keepAfter;
    this.keepUntil = keepUntil;
  }

  /** The signatures of {@code before}, signed here, that a signing at {@code now} may keep. */
  static SignatureReuse of(ZoneSnapshot before, SigningPolicy policy, Instant now) {
    if (before == null || before.dnssec() == null || before.dnssec().online() == null) {
      return NONE;
    }
    long margin = policy.refreshBefore().plus(policy.validity().dividedBy(10)).getSeconds();
    long at = now.getEpochSecond();
    return new SignatureReuse(before, at + margin, at + policy.validity().getSeconds());
  }

  /**
   * The RRSIG record data of {@code rrset} by {@code keys} kept from the snapshot before, or null
   * when it must be signed.
   */
  byte[][] kept(RRset rrset, List<SigningKey> keys) {
    if (before == null) {
      return null;
    }
    RRset old = before.counterpart(rrset);
    if (old == null || old.signatureCount() != keys.size() || !sameRecords(old, rrset)) {
      return null;
    }
    byte[][] out = new byte[keys.size()][];
    for (int i = 0; i < out.length; i++) {
      byte[] sig = old.signature(i);
      long expiration = DnssecRdata.rrsigExpiration(sig);
      if (expiration <= keepAfter
          || expiration > keepUntil
          || DnssecRdata.u32(sig, 4) != rrset.ttl()
          || !signedBy(sig, keys)) {
        return null;
      }
      out[i] = sig;
    }
    return out;
  }

  /**
   * Whether one of {@code keys} made {@code sig}; with as many signatures as keys, each made one.
   */
  private static boolean signedBy(byte[] sig, List<SigningKey> keys) {
    for (SigningKey k : keys) {
      if (k.algorithm() == DnssecRdata.rrsigAlgorithm(sig)
          && k.tag() == DnssecRdata.rrsigKeyTag(sig)) {
        return true;
      }
    }
    return false;
  }

  /** Same TTL and the same records in any order. */
  private static boolean sameRecords(RRset a, RRset b) {
    if (a.ttl() != b.ttl() || a.size() != b.size()) {
      return false;
    }
    boolean inOrder = true;
    for (int i = 0; i < a.size() && inOrder; i++) {
      inOrder = Arrays.equals(a.rdata(i), b.rdata(i));
    }
    if (inOrder) {
      return true;
    }
    byte[][] x = new byte[a.size()][];
    byte[][] y = new byte[b.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = a.rdata(i);
      y[i] = b.rdata(i);
    }
    Arrays.sort(x, Arrays::compareUnsigned);
    Arrays.sort(y, Arrays::compareUnsigned);
    return Arrays.deepEquals(x, y);
  }
}
