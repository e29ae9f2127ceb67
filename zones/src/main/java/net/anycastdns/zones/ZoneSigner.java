package net.anycastdns.zones;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.anycastdns.common.LowPriority;
import net.anycastdns.zones.keys.SigningKey;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Type;

/**
 * Signs a zone while it is compiled, before the name table is built: it adds to the nodes exactly
 * what a zone that arrived signed holds, so that {@link SignedZoneCompiler}, {@link
 * SignedZoneChecks} and {@link DnssecProofs} treat both alike:
 *
 * <ul>
 *   <li>the DNSKEY RRset of the published keys, CDS and CDNSKEY (RFC 7344, RFC 8078) for the KSKs
 *       that are active or waiting to be, and NSEC3PARAM under NSEC3; the file's own RRSIG, NSEC,
 *       NSEC3, NSEC3PARAM, CDS and CDNSKEY records are replaced;
 *   <li>the NSEC chain (names with data, in canonical order) or the NSEC3 chain (every name and
 *       empty non-terminal, hashed; under opt-out without insecure delegations and the empty
 *       non-terminals that lead only to them, RFC 5155 section 7.1), NSEC3 owners as new nodes
 *       below the apex;
 *   <li>an RRSIG RRset on every name: each authoritative RRset signed by the active ZSKs, the
 *       DNSKEY, CDS and CDNSKEY RRsets by the active KSKs (a zone whose active keys are of one kind
 *       signs everything with them), valid from an hour before now for the policy's validity; or,
 *       for an RRset that the snapshot served before holds unchanged and signed by the same keys,
 *       its signatures from there while they are good for long enough ({@link SignatureReuse}): a
 *       reload that changed a few records signs only those and their neighbours in the chain.
 * </ul>
 *
 * <p>The SOA serial served moves as {@link #servedSerial} says. Large zones are signed on all cores
 * but one, so that queries keep a core (the threads' lowest priority is a hint Linux ignores unless
 * the JVM runs with {@code -XX:ThreadPriorityPolicy=1}).
 */
final class ZoneSigner {
  /** Below this many names the calling thread signs alone. */
  private static final int PARALLEL_FROM = 2_000;

  private static final int[] REPLACED = {
    Type.RRSIG, Type.NSEC, Type.NSEC3, Type.NSEC3PARAM, Type.CDS, Type.CDNSKEY
  };

  private static final class Pool {
    static final ForkJoinPool SIGNERS =
        new ForkJoinPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
            p -> {
              // Signing a large zone is minutes of work on the cores that answer queries: each
              // signer lowers its scheduling priority as it starts, as the transfer threads do.
              ForkJoinWorkerThread t =
                  new ForkJoinWorkerThread(p) {
                    @Override
                    protected void onStart() {
                      super.onStart();
                      LowPriority.lowerCurrentThread();
                    }
                  };
              t.setName("signer-" + t.getPoolIndex());
              t.setDaemon(true);
              return t;
            },
            null,
            false);
  }

  /** A zone that cannot be signed, in one line naming the key files concerned. */
  static final class SigningException extends Exception {
    private static final long serialVersionUID = 1L;

    SigningException(String message) {
      super(message);
    }
  }

  /**
   * What signing added that the compiler needs.
   *
   * @param nsec3Owners the NSEC3 owner nodes, children of the apex in no name table
   * @param online the record of this signing for the snapshot
   * @param servedSerial the SOA serial now in the apex's SOA
   */
  record Signed(List<Node> nsec3Owners, OnlineSigning online, long servedSerial) {}

  private ZoneSigner() {}

  /**
   * The serial to serve for a zone signed here: the file's, unless that is not greater than the
   * serial served until now (RFC 1982), which then goes up by one. Re-signing an unchanged file
   * thus raises the serial by one, so that secondaries fetch the new signatures; a file whose
   * serial went up past the one served brings its own.
   *
   * @param served the serial served until now, or -1
   */
  static long servedSerial(long file, long served) {
    if (served < 0 || Serials.isGreater(file, served)) {
      return file;
    }
    return (served + 1) & 0xFFFF_FFFFL;
  }

  /**
   * Signs the zone of {@code apex}, whose every node is in {@code nodes} (cuts linked).
   *
   * @param fileSerial the SOA serial of the file
   * @param negativeTtl the TTL of NSEC and NSEC3 records: the SOA's negative TTL (RFC 9077)
   */
  static Signed sign(
      Node apex, Node[] nodes, ZoneSigning signing, long fileSerial, long negativeTtl)
      throws SigningException {
    Instant now = signing.now().truncatedTo(ChronoUnit.SECONDS);
    SigningPolicy policy = signing.policy();
    List<SigningKey> keys = signing.keys();
    List<SigningKey> active = keys.stream().filter(k -> k.timing().active(now)).toList();
    if (active.isEmpty()) {
      throw new SigningException(
          "no key is active at "
              + now
              + ", so the zone cannot be signed: "
              + keys.stream().map(SigningKey::toString).collect(Collectors.joining(", ")));
    }
    List<SigningKey> ksks = active.stream().filter(SigningKey::isKsk).toList();
    List<SigningKey> zsks = active.stream().filter(k -> !k.isKsk()).toList();
    List<SigningKey> dataKeys = zsks.isEmpty() ? ksks : zsks;
    List<SigningKey> keyKeys = ksks.isEmpty() ? zsks : ksks;

    for (Node n : nodes) {
      for (int type : REPLACED) {
        remove(n, type);
      }
    }
    long served = servedSerial(fileSerial, signing.servedSerial());
    RRset soa = apex.rrset(Type.SOA);
    byte[] soaData = soa.rdata(0).clone();
    int at = soaData.length - 20;
    for (int i = 0; i < 4; i++) {
      soaData[at + i] = (byte) (served >>> (24 - 8 * i));
    }
    put(apex, new RRset(apex.name(), Type.SOA, soa.ttl(), soaData));
    addKeyRecords(apex, keys, now, soa.ttl());
    List<Node> nsec3Owners = List.of();
    if (policy.nsec3()) {
      byte[] param = nsec3Param(policy);
      put(apex, new RRset(apex.name(), Type.NSEC3PARAM, 0, param));
      nsec3Owners = nsec3Chain(apex, nodes, param, policy.nsec3OptOut(), negativeTtl);
    } else {
      nsecChain(nodes, negativeTtl);
    }

    Instant inception = now.minus(SigningPolicy.INCEPTION_BACKDATE);
    Instant expiration = now.plus(policy.validity());
    SignatureReuse reuse = SignatureReuse.of(signing.before(), policy, now);
    Tally tally = new Tally();
    Node[] all = new Node[nodes.length + nsec3Owners.size()];
    System.arraycopy(nodes, 0, all, 0, nodes.length);
    for (int i = 0; i < nsec3Owners.size(); i++) {
      all[nodes.length + i] = nsec3Owners.get(i);
    }
    try {
      if (all.length < PARALLEL_FROM) {
        for (Node n : all) {
          signNode(n, dataKeys, keyKeys, inception, expiration, reuse, tally);
        }
      } else {
        Pool.SIGNERS
            .submit(
                () ->
                    Arrays.stream(all)
                        .parallel()
                        .forEach(
                            n ->
                                signNode(
                                    n, dataKeys, keyKeys, inception, expiration, reuse, tally)))
            .join();
      }
    } catch (RuntimeException e) {
      throw new SigningException("signing failed: " + e.getMessage());
    }

    Instant resignAt =
        Instant.ofEpochSecond(tally.earliestExpiration.get()).minus(policy.refreshBefore());
    for (SigningKey k : keys) {
      Instant event = k.timing().nextEvent(now);
      if (event != null && event.isBefore(resignAt)) {
        resignAt = event;
      }
    }
    OnlineSigning online =
        new OnlineSigning(
            fileSerial,
            resignAt,
            dataKeys,
            inception,
            expiration,
            tally.made.intValue(),
            tally.kept.intValue());
    return new Signed(nsec3Owners, online, served);
  }

  /** DNSKEY (the file's and the published keys), CDS and CDNSKEY at the apex. */
  private static void addKeyRecords(Node apex, List<SigningKey> keys, Instant now, long soaTtl) {
    RRset fileKeys = apex.rrset(Type.DNSKEY);
    List<byte[]> dnskeys = new ArrayList<>();
    for (int i = 0; fileKeys != null && i < fileKeys.size(); i++) {
      dnskeys.add(fileKeys.rdata(i));
    }
    List<byte[]> cds = new ArrayList<>();
    List<byte[]> cdnskey = new ArrayList<>();
    for (SigningKey k : keys) {
      byte[] rdata = k.dnskey().rdataToWireCanonical();
      if (k.timing().published(now) && dnskeys.stream().noneMatch(d -> Arrays.equals(d, rdata))) {
        dnskeys.add(rdata);
      }
      if (k.isKsk() && k.timing().activeOrComing(now)) {
        cdnskey.add(rdata);
        cds.add(
            new CDSRecord(k.zone(), DClass.IN, 0, DNSSEC.Digest.SHA256, k.dnskey())
                .rdataToWireCanonical());
      }
    }
    long ttl = fileKeys != null ? fileKeys.ttl() : soaTtl;
    put(apex, new RRset(apex.name(), Type.DNSKEY, ttl, dnskeys.toArray(new byte[0][])));
    if (!cds.isEmpty()) {
      put(apex, new RRset(apex.name(), Type.CDS, ttl, cds.toArray(new byte[0][])));
      put(apex, new RRset(apex.name(), Type.CDNSKEY, ttl, cdnskey.toArray(new byte[0][])));
    }
  }

  private static byte[] nsec3Param(SigningPolicy policy) {
    byte[] salt = HexFormat.of().parseHex(policy.nsec3Salt());
    byte[] param = new byte[5 + salt.length];
    param[0] = (byte) DnssecRdata.NSEC3_SHA1;
    param[2] = (byte) (policy.nsec3Iterations() >>> 8);
    param[3] = (byte) policy.nsec3Iterations();
    param[4] = (byte) salt.length;
    System.arraycopy(salt, 0, param, 5, salt.length);
    return param;
  }

  /**
   * An NSEC at every name with data that is authoritative or a delegation point. The sort and the
   * records are made on every core, as the nodes are built: a large zone's reload that changed a
   * few records spends half its signing time here.
   */
  private static void nsecChain(Node[] nodes, long ttl) {
    Node[] chain =
        Arrays.stream(nodes)
            .parallel()
            .filter(n -> SignedZoneCompiler.inChain(n) && SignedZoneCompiler.holdsData(n))
            .toArray(Node[]::new);
    Arrays.parallelSort(chain, (a, b) -> WireName.compareCanonical(a.name(), 0, b.name(), 0));
    // Each index touches its own node only.
    IntStream.range(0, chain.length)
        .parallel()
        .forEach(
            i -> {
              Node n = chain[i];
              byte[] next = chain[(i + 1) % chain.length].name();
              byte[] bitmap = bitmap(n, Type.NSEC);
              byte[] rdata = Arrays.copyOf(next, next.length + bitmap.length);
              System.arraycopy(bitmap, 0, rdata, next.length, bitmap.length);
              put(n, new RRset(n.name(), Type.NSEC, ttl, rdata));
            });
  }

  /** One NSEC3 hasher (a SHA-1 digest and its buffers) per thread that builds a chain. */
  private static final ThreadLocal<Nsec3Hash> HASHERS = ThreadLocal.withInitial(Nsec3Hash::new);

  /**
   * The NSEC3 chain, as nodes owning one NSEC3 each; hashed, sorted and written on every core, as
   * the NSEC chain is.
   */
  private static List<Node> nsec3Chain(
      Node apex, Node[] nodes, byte[] param, boolean optOut, long ttl) {
    Set<Node> names = optOut ? SignedZoneCompiler.neededUnderOptOut(nodes) : null;
    Node[] hashed =
        Arrays.stream(nodes)
            .parallel()
            .filter(n -> SignedZoneCompiler.inChain(n) && (names == null || names.contains(n)))
            .toArray(Node[]::new);
    byte[][] hashes = new byte[hashed.length][];
    IntStream.range(0, hashed.length)
        .parallel()
        .forEach(
            i -> {
              byte[] name = hashed[i].name();
              hashes[i] = HASHERS.get().hash(param, name, 0, name.length).clone();
            });
    Integer[] order = new Integer[hashes.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.parallelSort(order, (a, b) -> Arrays.compareUnsigned(hashes[a], hashes[b]));
    Node[] owners = new Node[order.length];
    // Each index makes its own owner node.
    IntStream.range(0, order.length)
        .parallel()
        .forEach(
            i ->
                owners[i] =
                    nsec3Owner(
                        apex,
                        hashed[order[i]],
                        hashes[order[i]],
                        hashes[order[(i + 1) % order.length]],
                        param,
                        optOut,
                        ttl));
    return Arrays.asList(owners);
  }

  /** The node owning the NSEC3 of {@code hashedName}, whose hash is {@code hash}. */
  private static Node nsec3Owner(
      Node apex,
      Node hashedName,
      byte[] hash,
      byte[] next,
      byte[] param,
      boolean optOut,
      long ttl) {
    byte[] bitmap = bitmap(hashedName, 0);
    byte[] rdata = new byte[param.length + 1 + Nsec3Hash.LENGTH + bitmap.length];
    System.arraycopy(param, 0, rdata, 0, param.length);
    rdata[1] = (byte) (optOut ? DnssecRdata.NSEC3_OPT_OUT : 0);
    rdata[param.length] = (byte) Nsec3Hash.LENGTH;
    System.arraycopy(next, 0, rdata, param.length + 1, Nsec3Hash.LENGTH);
    System.arraycopy(bitmap, 0, rdata, param.length + 1 + Nsec3Hash.LENGTH, bitmap.length);
    byte[] label = Nsec3Hash.encode(hash, 0, Nsec3Hash.LENGTH).getBytes(StandardCharsets.US_ASCII);
    byte[] owner = new byte[1 + label.length + apex.name().length];
    owner[0] = (byte) label.length;
    System.arraycopy(label, 0, owner, 1, label.length);
    System.arraycopy(apex.name(), 0, owner, 1 + label.length, apex.name().length);
    Node o = new Node(owner);
    o.parent = apex;
    o.setRRsets(new RRset[] {new RRset(owner, Type.NSEC3, ttl, rdata)});
    return o;
  }

  /**
   * The type bit map of {@code n} (RFC 4034 section 4.1.2, RFC 5155 section 3.2.1): its
   * authoritative types (at a delegation point NS and DS), {@code own} (NSEC, or 0 for NSEC3) and
   * RRSIG when any of them is signed.
   */
  private static byte[] bitmap(Node n, int own) {
    int[] types = new int[n.rrsetCount() + 4];
    int count = SignedZoneCompiler.addGeoTypes(n, types, 0);
    boolean signed = own != 0 || count > 0;
    for (int i = 0; i < n.rrsetCount(); i++) {
      RRset r = n.rrsetAt(i);
      boolean parentData = r.type() == Type.NS || SignedZoneCompiler.isSigned(n, r.type());
      if (!n.isDelegation() || parentData) {
        types[count++] = r.type();
        signed |= SignedZoneCompiler.isSigned(n, r.type());
      }
    }
    if (own != 0 && n.rrset(own) == null) {
      types[count++] = own;
    }
    if (signed) {
      types[count++] = Type.RRSIG;
    }
    Arrays.sort(types, 0, count);
    return TypeBitmap.of(types, count);
  }

  /** Signatures made and kept, and the earliest expiration among them, over all signing threads. */
  private static final class Tally {
    final LongAdder made = new LongAdder();
    final LongAdder kept = new LongAdder();
    final LongAccumulator earliestExpiration = new LongAccumulator(Math::min, Long.MAX_VALUE);
  }

  /**
   * Signs every authoritative RRset of {@code n}, or keeps its signatures of the snapshot before,
   * into one RRSIG RRset at {@code n}.
   */
  private static void signNode(
      Node n,
      List<SigningKey> dataKeys,
      List<SigningKey> keyKeys,
      Instant inception,
      Instant expiration,
      SignatureReuse reuse,
      Tally tally) {
    List<byte[]> sigs = new ArrayList<>();
    for (RRset r : n.rrsets()) {
      if (!SignedZoneCompiler.isSigned(n, r.type())) {
        continue;
      }
      boolean keySet = r.type() == Type.DNSKEY || r.type() == Type.CDS || r.type() == Type.CDNSKEY;
      List<SigningKey> signers = keySet ? keyKeys : dataKeys;
      byte[][] rrsigs = reuse.kept(r, signers);
      if (rrsigs == null) {
        rrsigs = OnlineSigning.sign(r, signers, inception, expiration);
        tally.made.add(rrsigs.length);
      } else {
        tally.kept.add(rrsigs.length);
      }
      for (byte[] sig : rrsigs) {
        tally.earliestExpiration.accumulate(DnssecRdata.rrsigExpiration(sig));
      }
      Collections.addAll(sigs, rrsigs);
    }
    if (!sigs.isEmpty()) {
      put(n, new RRset(n.name(), Type.RRSIG, 0, sigs.toArray(new byte[0][])));
    }
  }

  /** Sets {@code n}'s RRset of {@code r}'s type to {@code r}, keeping ascending type order. */
  private static void put(Node n, RRset r) {
    remove(n, r.type());
    RRset[] out = Arrays.copyOf(n.rrsets(), n.rrsetCount() + 1);
    int i = out.length - 1;
    while (i > 0 && out[i - 1].type() > r.type()) {
      out[i] = out[i - 1];
      i--;
    }
    out[i] = r;
    n.setRRsets(out);
  }

  private static void remove(Node n, int type) {
    RRset[] all = n.rrsets();
    for (int i = 0; i < all.length; i++) {
      if (all[i].type() == type) {
        RRset[] out = new RRset[all.length - 1];
        System.arraycopy(all, 0, out, 0, i);
        System.arraycopy(all, i + 1, out, i, out.length - i);
        n.setRRsets(out);
        return;
      }
    }
  }
}
