package net.anycastdns.zones;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * Signs small inline zones for tests, the way ldns-signzone and dnssec-signzone do, with dnsjava:
 * one ECDSA P-256 key (flags 257, signing everything), an NSEC chain or an NSEC3 chain (SHA-1, no
 * salt, no extra iteration, RFC 9276; optionally opt-out for insecure delegations), RRSIGs over
 * every authoritative RRset (at a delegation point only DS and NSEC; glue unsigned). Public for the
 * server's tests (the zones test-jar).
 */
public final class TestSigner {
  /** How the zone proves that names and types do not exist. */
  public enum Denial {
    NSEC,
    NSEC3,
    /** NSEC3 with the opt-out flag; insecure delegations have no NSEC3 of their own. */
    NSEC3_OPT_OUT
  }

  public static final Instant INCEPTION = Instant.parse("2026-01-01T00:00:00Z");
  public static final Instant EXPIRATION = Instant.parse("2036-01-01T00:00:00Z");

  private static final KeyPair KEY = generateKey();

  private TestSigner() {}

  /** The zone {@code origin} of {@code text}, signed with signatures valid for ten years. */
  public static String sign(String origin, String text, Denial denial) {
    return sign(origin, text, denial, INCEPTION, EXPIRATION);
  }

  /** The zone signed with signatures valid from {@code inception} to {@code expiration}. */
  public static String sign(
      String origin, String text, Denial denial, Instant inception, Instant expiration) {
    try {
      return new Signing(TestZones.name(origin), denial).sign(text, inception, expiration);
    } catch (IOException | GeneralSecurityException | DNSSEC.DNSSECException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The DNSKEY of every zone this class signs, for trust anchors. */
  public static DNSKEYRecord dnskey(String origin, long ttl) {
    try {
      return new DNSKEYRecord(
          TestZones.name(origin),
          DClass.IN,
          ttl,
          257,
          DNSKEYRecord.Protocol.DNSSEC,
          DNSSEC.Algorithm.ECDSAP256SHA256,
          KEY.getPublic());
    } catch (DNSSEC.DNSSECException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generateKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Signing {
    private final Name origin;
    private final Denial denial;

    /** Owner to type to RRset, owners in canonical order. */
    private final Map<Name, Map<Integer, RRset>> names = new TreeMap<>();

    private long minimum;

    Signing(Name origin, Denial denial) {
      this.origin = origin;
      this.denial = denial;
    }

    String sign(String text, Instant inception, Instant expiration)
        throws IOException, GeneralSecurityException, DNSSEC.DNSSECException {
      try (Master m =
          new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin)) {
        for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
          add(r);
          if (r instanceof SOARecord soa) {
            minimum = soa.getMinimum();
          }
        }
      }
      long ttl = rrset(origin, Type.SOA).getTTL();
      DNSKEYRecord key = dnskey(origin.toString(), ttl);
      add(key);
      if (denial == Denial.NSEC) {
        addNsecChain();
      } else {
        NSEC3PARAMRecord param = new NSEC3PARAMRecord(origin, DClass.IN, 0, 1, 0, 0, new byte[0]);
        add(param);
        addNsec3Chain(param);
      }
      StringBuilder out = new StringBuilder();
      for (Map.Entry<Name, Map<Integer, RRset>> e : names.entrySet()) {
        for (RRset rrset : e.getValue().values()) {
          for (Record r : rrset.rrs(false)) {
            out.append(r).append('\n');
          }
          if (signed(e.getKey(), rrset.getType())) {
            out.append(DNSSEC.sign(rrset, key, KEY.getPrivate(), inception, expiration))
                .append('\n');
          }
        }
      }
      return out.toString();
    }

    private void add(Record r) {
      names
          .computeIfAbsent(r.getName(), k -> new TreeMap<>())
          .computeIfAbsent(r.getType(), k -> new RRset())
          .addRR(r);
    }

    private RRset rrset(Name name, int type) {
      Map<Integer, RRset> types = names.get(name);
      return types == null ? null : types.get(type);
    }

    private boolean isCut(Name name) {
      return !name.equals(origin) && rrset(name, Type.NS) != null;
    }

    /** True below a delegation: glue and other occluded names. */
    private boolean occluded(Name name) {
      for (Name n = parent(name); n != null && !n.equals(origin); n = parent(n)) {
        if (isCut(n)) {
          return true;
        }
      }
      return false;
    }

    private boolean signed(Name name, int type) {
      if (occluded(name)) {
        return false;
      }
      return !isCut(name) || type == Type.DS || type == Type.NSEC;
    }

    private Name parent(Name name) {
      return name.labels() <= origin.labels() ? null : new Name(name, 1);
    }

    /** The authoritative types at a name, with RRSIG when any of them is signed. */
    private List<Integer> types(Name name, int extra) {
      TreeSet<Integer> types = new TreeSet<>();
      Map<Integer, RRset> at = names.getOrDefault(name, Map.of());
      for (int t : at.keySet()) {
        if (!isCut(name) || t == Type.NS || t == Type.DS) {
          types.add(t);
        }
      }
      if (extra != 0) {
        types.add(extra);
      }
      if (types.stream().anyMatch(t -> signed(name, t))) {
        types.add(Type.RRSIG);
      }
      return new ArrayList<>(types);
    }

    private void addNsecChain() {
      List<Name> chain = new ArrayList<>();
      for (Name n : names.keySet()) {
        if (!occluded(n)) {
          chain.add(n);
        }
      }
      for (int i = 0; i < chain.size(); i++) {
        Name n = chain.get(i);
        Name next = chain.get((i + 1) % chain.size());
        int[] types = types(n, Type.NSEC).stream().mapToInt(Integer::intValue).toArray();
        add(new NSECRecord(n, DClass.IN, minimum, next, types));
      }
    }

    private void addNsec3Chain(NSEC3PARAMRecord param)
        throws GeneralSecurityException, IOException {
      TreeSet<Name> chain = new TreeSet<>();
      for (Name n : List.copyOf(names.keySet())) {
        if (occluded(n)) {
          continue;
        }
        boolean insecure = isCut(n) && rrset(n, Type.DS) == null;
        if (denial == Denial.NSEC3_OPT_OUT && insecure) {
          continue;
        }
        for (Name a = n; a != null; a = parent(a)) {
          chain.add(a); // the name and its empty non-terminals
        }
      }
      base32 b32 = new base32(base32.Alphabet.BASE32HEX, false, false);
      Map<String, Name> byHash = new TreeMap<>();
      Map<Name, byte[]> hashes = new LinkedHashMap<>();
      for (Name n : chain) {
        byte[] h = param.hashName(n);
        hashes.put(n, h);
        byHash.put(b32.toString(h).toLowerCase(java.util.Locale.ROOT), n);
      }
      List<String> order = new ArrayList<>(byHash.keySet());
      int flags = denial == Denial.NSEC3_OPT_OUT ? 1 : 0;
      for (int i = 0; i < order.size(); i++) {
        Name n = byHash.get(order.get(i));
        byte[] next = hashes.get(byHash.get(order.get((i + 1) % order.size())));
        int[] types = types(n, 0).stream().mapToInt(Integer::intValue).toArray();
        Name owner = Name.fromString(order.get(i), origin);
        add(new NSEC3Record(owner, DClass.IN, minimum, 1, flags, 0, new byte[0], next, types));
      }
    }
  }
}
