package net.anycastdns.zones;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Type;

/**
 * The checks a signed zone passes at every load and reload, as Knot's and NSD's loaders and {@code
 * kzonecheck} make them: structural and cheap, a pass over the compiled zone with no cryptography
 * ({@link SignatureVerifier} verifies signatures for {@code check}). Errors keep the zone from
 * being served, since validating resolvers would answer SERVFAIL for it:
 *
 * <ul>
 *   <li>a DNSKEY with the Zone Key flag at the apex; every authoritative RRset (at a delegation
 *       point its DS and NSEC) with an RRSIG by one of them, matched by signer, algorithm and key
 *       tag (RFC 4035 section 2.2);
 *   <li>a signature valid now: none expired or not yet valid (RFC 4034 section 3.1.5); one whose
 *       signatures all expire within a week is a warning that says when;
 *   <li>a complete NSEC chain (every authoritative name and delegation point, in canonical order,
 *       the last pointing at the apex) or NSEC3 chain (every such name and empty non-terminal but
 *       those opt-out leaves out, hashes linked in order, each record with the NSEC3PARAM's
 *       algorithm, iterations and salt, none for a name that is not there);
 *   <li>type bit maps that list exactly the types of their name (RFC 4034 section 4.1.2, RFC 5155
 *       section 3.2).
 * </ul>
 *
 * <p>Problems of one kind are listed for the first {@value #LISTED} names in canonical order and
 * counted after that, so a zone whose million signatures expired says so in a dozen lines. Lines in
 * the zone file are looked up only for the problems listed.
 */
public final class SignedZoneChecks {
  /** Signatures expiring sooner than this are reported, while there is time to sign again. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(7);

  /** Problems of one kind listed one by one; the rest are counted in one more line. */
  static final int LISTED = 10;

  /**
   * A record of the zone file: owner (lowercase presentation form), type, and for an RRSIG the type
   * it covers (else 0). Type 0 stands for the first record of the owner, whatever its type.
   */
  public record RecordKey(String owner, int type, int covered) {}

  /** Where records are in the zone file; asked once per load, and only when there are problems. */
  @FunctionalInterface
  public interface RecordLines {
    /** The line of the first record of each key found; keys not found are left out. */
    Map<RecordKey, Integer> find(Set<RecordKey> keys);
  }

  private SignedZoneChecks() {}

  /** The problems of {@code zone} at {@code now}; none for a zone that is not signed. */
  public static List<ZoneProblem> check(ZoneSnapshot zone, Instant now, RecordLines lines) {
    if (zone.dnssec() == null) {
      if (zone.apex().rrset(Type.RRSIG) == null) {
        return List.of();
      }
      RecordKey rrsig =
          new RecordKey(
              zone.origin().toString().toLowerCase(java.util.Locale.ROOT), Type.RRSIG, Type.SOA);
      return List.of(
          ZoneProblem.warning(
              zone.file(),
              lines.find(Set.of(rrsig)).getOrDefault(rrsig, 0),
              "the zone has RRSIGs but no DNSKEY at the apex: it is served unsigned, its"
                  + " RRSIGs as plain data"));
    }
    Checker checker = new Checker(zone, now.getEpochSecond());
    checker.run();
    return checker.problems(lines);
  }

  /**
   * Verifies every RRSIG of a signed zone cryptographically on {@code threads} threads ({@link
   * SignatureVerifier}): for {@code check}, which can afford a public-key operation per RRSIG. An
   * RRset none of whose RRSIGs verifies is an error. None for a zone that is not signed.
   */
  public static List<ZoneProblem> verifySignatures(
      ZoneSnapshot zone, RecordLines lines, int threads) {
    if (zone.dnssec() == null) {
      return List.of();
    }
    Checker checker = new Checker(zone, 0);
    for (SignatureVerifier.Failure f : SignatureVerifier.verify(zone, threads)) {
      RRset r = f.rrset();
      checker.add(
          Kind.BAD_SIGNATURE,
          r.owner(),
          Type.RRSIG,
          r.type(),
          "no RRSIG of " + Checker.what(r.owner(), r) + " verifies (" + f.reason() + ")");
    }
    return checker.problems(lines);
  }

  /** The kinds of problem, in the order they are reported. */
  private enum Kind {
    NO_ZONE_KEY("", true),
    UNSIGNED("RRsets without RRSIG", true),
    UNKNOWN_KEY("RRsets without an RRSIG by a DNSKEY of the zone", true),
    EXPIRED("RRsets whose RRSIGs expired", true),
    NOT_YET_VALID("RRsets whose RRSIGs are not valid yet", true),
    NO_CHAIN("", true),
    PARAMETERS("NSEC3 records with other parameters than the NSEC3PARAM", true),
    MISSING("names without their NSEC or NSEC3", true),
    STRAY("NSEC3 records for no name of the zone", true),
    CHAIN("links of the chain that skip or repeat names", true),
    BITMAP("type bit maps that do not match their name", true),
    BAD_SIGNATURE("RRsets whose RRSIGs do not verify", true),
    EXPIRING("", false);

    final String plural;
    final boolean error;

    Kind(String plural, boolean error) {
      this.plural = plural;
      this.error = error;
    }
  }

  /** One problem found, before lines are known. */
  private static final class Finding {
    final byte[] name;
    final RecordKey key;
    final String message;

    Finding(byte[] name, RecordKey key, String message) {
      this.name = name;
      this.key = key;
      this.message = message;
    }
  }

  private static final class Checker {
    private final ZoneSnapshot zone;
    private final SignedZone signed;
    private final long now;
    private final byte[] apex;
    private final Set<Integer> keys = new HashSet<>();
    private final Map<Kind, List<Finding>> findings = new EnumMap<>(Kind.class);
    private final List<Node> nodes = new ArrayList<>();
    private long expiringCount;
    private long expiringFirst = Long.MAX_VALUE;
    private byte[] expiringOwner;
    private RRset expiringRRset;

    Checker(ZoneSnapshot zone, long now) {
      this.zone = zone;
      this.signed = zone.dnssec();
      this.now = now;
      this.apex = zone.apexName();
    }

    void run() {
      zoneKeys();
      zone.forEachNode(nodes::add);
      for (Node n : nodes) {
        for (RRset r : n.rrsets()) {
          if (SignedZoneCompiler.isSigned(n, r.type())) {
            signatures(n.name(), r);
          }
        }
      }
      if (signed.usesNsec3()) {
        nsec3Chain(signed.nsec3());
      } else {
        nsecChain(signed.nsec());
      }
    }

    private void zoneKeys() {
      RRset dnskeys = zone.apex().rrset(Type.DNSKEY);
      for (int i = 0; i < dnskeys.size(); i++) {
        byte[] k = dnskeys.rdata(i);
        if (k.length > 4
            && (DnssecRdata.dnskeyFlags(k) & DnssecRdata.DNSKEY_ZONE_FLAG) != 0
            && DnssecRdata.dnskeyProtocol(k) == 3) {
          keys.add(DnssecRdata.dnskeyAlgorithm(k) << 16 | DnssecRdata.keyTag(k));
        }
      }
      if (keys.isEmpty()) {
        add(
            Kind.NO_ZONE_KEY,
            apex,
            Type.DNSKEY,
            0,
            "no DNSKEY at the apex has the Zone Key flag (RFC 4034 section 2.1.1): nothing can"
                + " validate the zone's signatures");
      }
    }

    /** An RRset that must be signed: by a key of the zone, valid now, for more than a week. */
    private void signatures(byte[] owner, RRset r) {
      if (r.signatureCount() == 0) {
        add(Kind.UNSIGNED, owner, r.type(), 0, what(owner, r) + " has no RRSIG");
        return;
      }
      boolean byZoneKey = false;
      long valid = -1;
      long expired = -1;
      long notBefore = Long.MAX_VALUE;
      for (int i = 0; i < r.signatureCount(); i++) {
        byte[] sig = r.signature(i);
        if (!signedByZoneKey(sig)) {
          continue;
        }
        byZoneKey = true;
        long inception = DnssecRdata.rrsigInception(sig);
        long expiration = DnssecRdata.rrsigExpiration(sig);
        if (now < inception) {
          notBefore = Math.min(notBefore, inception);
        } else if (now > expiration) {
          expired = Math.max(expired, expiration);
        } else {
          valid = Math.max(valid, expiration);
        }
      }
      if (!byZoneKey) {
        byte[] sig = r.signature(0);
        add(
            Kind.UNKNOWN_KEY,
            owner,
            Type.RRSIG,
            r.type(),
            what(owner, r)
                + " has no RRSIG by a DNSKEY of the zone (its RRSIG has key tag "
                + DnssecRdata.rrsigKeyTag(sig)
                + ", algorithm "
                + DnssecRdata.rrsigAlgorithm(sig)
                + ", signer "
                + WireName.toString(Arrays.copyOfRange(sig, DnssecRdata.RRSIG_SIGNER, sig.length))
                + ")");
      } else if (valid < 0 && expired >= 0) {
        add(
            Kind.EXPIRED,
            owner,
            Type.RRSIG,
            r.type(),
            "the RRSIG of "
                + what(owner, r)
                + " expired at "
                + Instant.ofEpochSecond(expired)
                + ": validating resolvers answer SERVFAIL for it");
      } else if (valid < 0) {
        add(
            Kind.NOT_YET_VALID,
            owner,
            Type.RRSIG,
            r.type(),
            "the RRSIG of "
                + what(owner, r)
                + " is not valid before "
                + Instant.ofEpochSecond(notBefore)
                + ": validating resolvers answer SERVFAIL for it");
      } else if (valid < now + EXPIRY_WARNING.toSeconds()) {
        expiringCount++;
        // The earliest, and among equals the first in canonical order: the same every load.
        if (valid < expiringFirst
            || (valid == expiringFirst
                && WireName.compareCanonical(owner, 0, expiringOwner, 0) < 0)) {
          expiringFirst = valid;
          expiringOwner = owner;
          expiringRRset = r;
        }
      }
    }

    private static String what(byte[] owner, RRset r) {
      return WireName.toString(owner) + " " + Type.string(r.type());
    }

    private boolean signedByZoneKey(byte[] sig) {
      int signer = DnssecRdata.RRSIG_SIGNER;
      if (sig.length < signer + apex.length
          || !keys.contains(DnssecRdata.rrsigAlgorithm(sig) << 16 | DnssecRdata.rrsigKeyTag(sig))) {
        return false;
      }
      for (int i = 0; i < apex.length; i++) {
        if (WireName.lower(sig[signer + i]) != apex[i]) {
          return false;
        }
      }
      return true;
    }

    private void nsecChain(NsecChain chain) {
      if (!signed.strayNsec3().isEmpty()) {
        RRset first = signed.strayNsec3().get(0);
        add(
            Kind.NO_CHAIN,
            first.owner(),
            Type.NSEC3,
            0,
            "the zone has NSEC3 records but no NSEC3PARAM at the apex, which says which chain"
                + " answers are proven with (RFC 5155 section 4): add it, or drop the NSEC3"
                + " records");
        return;
      }
      Node[] order = chain.nodes();
      if (order.length == 0) {
        add(Kind.NO_CHAIN, apex, Type.NSEC, 0, "the zone is signed but has no NSEC or NSEC3 chain");
        return;
      }
      for (Node n : nodes) {
        if (SignedZoneCompiler.inChain(n) && !n.isEmpty() && n.denial == null) {
          add(Kind.MISSING, n.name(), 0, 0, WireName.toString(n.name()) + " has no NSEC");
        }
      }
      for (int i = 0; i < order.length; i++) {
        Node n = order[i];
        byte[] rd = n.denial.rdata(0);
        int bitmap = DnssecRdata.nsecBitmapOffset(rd);
        byte[] next = WireName.lowerCopy(Arrays.copyOf(rd, bitmap));
        byte[] expected = order[(i + 1) % order.length].name();
        if (!Arrays.equals(next, expected)) {
          add(
              Kind.CHAIN,
              n.name(),
              Type.NSEC,
              0,
              "the NSEC of "
                  + WireName.toString(n.name())
                  + " points to "
                  + WireName.toString(next)
                  + ", but the next name of the zone is "
                  + WireName.toString(expected));
        }
        bitmap(n, "NSEC", rd, bitmap);
      }
    }

    private void nsec3Chain(Nsec3Chain chain) {
      byte[] param = chain.parameters();
      if (DnssecRdata.nsec3Algorithm(param) != DnssecRdata.NSEC3_SHA1) {
        add(
            Kind.NO_CHAIN,
            apex,
            Type.NSEC3PARAM,
            0,
            "the NSEC3PARAM has hash algorithm "
                + DnssecRdata.nsec3Algorithm(param)
                + "; SHA-1 (1) is the only one defined (RFC 5155 section 11)");
        return;
      }
      if (chain.size() == 0) {
        add(
            Kind.NO_CHAIN,
            apex,
            Type.NSEC3PARAM,
            0,
            "the zone has an NSEC3PARAM but no NSEC3 records");
        return;
      }
      for (RRset bad : signed.strayNsec3()) {
        add(
            Kind.PARAMETERS,
            bad.owner(),
            Type.NSEC3,
            0,
            "the owner of the NSEC3 at "
                + WireName.toString(bad.owner())
                + " is no Base32hex SHA-1 hash (RFC 5155 section 3)");
      }
      boolean optOut = false;
      boolean[] matched = new boolean[chain.size()];
      for (int i = 0; i < chain.size(); i++) {
        RRset r = chain.record(i);
        byte[] rd = r.rdata(0);
        optOut |= (DnssecRdata.nsec3Flags(rd) & DnssecRdata.NSEC3_OPT_OUT) != 0;
        signatures(r.owner(), r);
        if (r.size() != 1 || !DnssecRdata.sameNsec3Parameters(rd, param)) {
          add(
              Kind.PARAMETERS,
              r.owner(),
              Type.NSEC3,
              0,
              "the NSEC3 at "
                  + WireName.toString(r.owner())
                  + (r.size() != 1
                      ? " is one of " + r.size() + " NSEC3 records of one owner"
                      : " has other hash parameters (iterations, salt) than the NSEC3PARAM"));
        }
        if (!chain.nextIs(i, (i + 1) % chain.size())) {
          add(
              Kind.CHAIN,
              r.owner(),
              Type.NSEC3,
              0,
              "the NSEC3 at "
                  + WireName.toString(r.owner())
                  + " does not point to the next hash of the chain");
        }
      }
      Set<Node> needed =
          optOut ? SignedZoneCompiler.neededUnderOptOut(nodes.toArray(new Node[0])) : null;
      for (Node n : nodes) {
        if (!SignedZoneCompiler.inChain(n)) {
          continue;
        }
        if (n.denial == null) {
          if (needed == null || needed.contains(n)) {
            add(
                Kind.MISSING,
                n.name(),
                0,
                0,
                WireName.toString(n.name()) + " has no NSEC3 (no record for its hash)");
          }
          continue;
        }
        matched[chain.find(Nsec3Hash.decodeLabel(n.denial.owner()))] = true;
        byte[] rd = n.denial.rdata(0);
        bitmap(n, "NSEC3", rd, DnssecRdata.nsec3BitmapOffset(rd));
      }
      for (int i = 0; i < matched.length; i++) {
        if (!matched[i]) {
          RRset r = chain.record(i);
          add(
              Kind.STRAY,
              r.owner(),
              Type.NSEC3,
              0,
              "the NSEC3 at "
                  + WireName.toString(r.owner())
                  + " is the hash of no name of the zone");
        }
      }
    }

    /** The type bit map of the NSEC or NSEC3 of {@code n}, which starts at {@code off}. */
    private void bitmap(Node n, String type, byte[] rdata, int off) {
      int[] types = new int[n.rrsetCount() + 3];
      int count = SignedZoneCompiler.addGeoTypes(n, types, 0);
      boolean rrsig = count > 0;
      for (int i = 0; i < n.rrsetCount(); i++) {
        RRset r = n.rrsetAt(i);
        boolean parentData = r.type() == Type.NS || SignedZoneCompiler.isSigned(n, r.type());
        if (!n.isDelegation() || parentData) {
          types[count++] = r.type();
          rrsig |= r.signatureCount() > 0;
        }
      }
      if (rrsig) {
        types[count++] = Type.RRSIG;
      }
      Arrays.sort(types, 0, count);
      if (!TypeBitmap.matches(rdata, off, types, count)) {
        add(
            Kind.BITMAP,
            n.denial.owner(),
            type.equals("NSEC") ? Type.NSEC : Type.NSEC3,
            0,
            "the "
                + type
                + " of "
                + WireName.toString(n.name())
                + " lists "
                + TypeBitmap.describe(rdata, off)
                + ", but the name has "
                + TypeBitmap.describe(TypeBitmap.of(types, count), 0));
      }
    }

    private void add(Kind kind, byte[] name, int type, int covered, String message) {
      findings
          .computeIfAbsent(kind, k -> new ArrayList<>())
          .add(new Finding(name, new RecordKey(lower(name), type, covered), message));
    }

    List<ZoneProblem> problems(RecordLines lines) {
      Map<Kind, List<Finding>> listed = new EnumMap<>(Kind.class);
      Set<RecordKey> wanted = new LinkedHashSet<>();
      for (Map.Entry<Kind, List<Finding>> e : findings.entrySet()) {
        List<Finding> all = e.getValue();
        all.sort((a, b) -> WireName.compareCanonical(a.name, 0, b.name, 0));
        List<Finding> first = all.subList(0, Math.min(LISTED, all.size()));
        listed.put(e.getKey(), first);
        first.forEach(f -> wanted.add(f.key));
      }
      Finding expiring =
          expiringOwner == null
              ? null
              : new Finding(
                  expiringOwner,
                  new RecordKey(lower(expiringOwner), Type.RRSIG, expiringRRset.type()),
                  what(expiringOwner, expiringRRset));
      if (expiring != null) {
        wanted.add(expiring.key);
      }
      Map<RecordKey, Integer> at = wanted.isEmpty() ? Map.of() : lines.find(wanted);
      String file = zone.file();
      List<ZoneProblem> out = new ArrayList<>();
      for (Map.Entry<Kind, List<Finding>> e : listed.entrySet()) {
        Kind kind = e.getKey();
        for (Finding f : e.getValue()) {
          out.add(problem(kind.error, file, at.getOrDefault(f.key, 0), f.message));
        }
        int more = findings.get(kind).size() - e.getValue().size();
        if (more > 0) {
          out.add(problem(kind.error, file, 0, "and " + more + " more " + kind.plural));
        }
      }
      if (expiring != null) {
        out.add(
            ZoneProblem.warning(
                file,
                at.getOrDefault(expiring.key, 0),
                "RRSIGs of "
                    + expiringCount
                    + " RRsets expire within "
                    + EXPIRY_WARNING.toDays()
                    + " days, the first at "
                    + Instant.ofEpochSecond(expiringFirst)
                    + " ("
                    + expiring.message
                    + "): sign the zone again before then"));
      }
      return out;
    }

    private static ZoneProblem problem(boolean error, String file, int line, String message) {
      return error
          ? ZoneProblem.error(file, line, message)
          : ZoneProblem.warning(file, line, message);
    }

    private static String lower(byte[] name) {
      return WireName.toString(name).toLowerCase(java.util.Locale.ROOT);
    }
  }
}
