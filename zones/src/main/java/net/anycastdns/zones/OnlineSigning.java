package net.anycastdns.zones;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import net.anycastdns.zones.keys.SigningKey;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;

/**
 * What a zone signed here ({@link ZoneSigner}) was signed with and until when, kept in its {@link
 * SignedZone}: the serial of its file, when it must be signed again, and the keys and validity that
 * sign RRsets made after loading (GeoDNS answers) exactly as the zone's own.
 */
public final class OnlineSigning {
  private final long sourceSerial;
  private final Instant resignAt;
  private final List<SigningKey> zoneKeys;
  private final Instant inception;
  private final Instant expiration;
  private final int signaturesMade;
  private final int signaturesKept;

  /**
   * The signatures of GeoDNS answers by their records (sorted, since RRSIGs cover the canonical
   * order): every answer set of a service is signed once, when the zone and geo.yaml are loaded or
   * on first use, and then served from here; it lives and dies with this signing of the zone.
   */
  private final Cache<AnswerKey, byte[][]> answers =
      Caffeine.newBuilder().maximumSize(MAX_ANSWERS).build();

  /** The most answer sets kept signed per zone. */
  static final int MAX_ANSWERS = 100_000;

  OnlineSigning(
      long sourceSerial,
      Instant resignAt,
      List<SigningKey> zoneKeys,
      Instant inception,
      Instant expiration,
      int signaturesMade,
      int signaturesKept) {
    this.sourceSerial = sourceSerial;
    this.resignAt = resignAt;
    this.zoneKeys = List.copyOf(zoneKeys);
    this.inception = inception;
    this.expiration = expiration;
    this.signaturesMade = signaturesMade;
    this.signaturesKept = signaturesKept;
  }

  /** The SOA serial of the zone file, before the serial served was chosen. */
  public long sourceSerial() {
    return sourceSerial;
  }

  /**
   * When the zone must be signed again: a third of the validity before its earliest signature
   * expires, or the next publication, activation, retirement or removal of one of its keys if that
   * is sooner.
   */
  public Instant resignAt() {
    return resignAt;
  }

  /** How many of the zone's signatures this signing made. */
  public int signaturesMade() {
    return signaturesMade;
  }

  /** How many of the zone's signatures this signing kept from the snapshot served before. */
  public int signaturesKept() {
    return signaturesKept;
  }

  /** The keys that sign the zone's data (its ZSKs, or its CSKs). */
  public List<SigningKey> zoneKeys() {
    return zoneKeys;
  }

  /**
   * The RRSIG record data of {@code rrset} by each of {@link #zoneKeys}, with the zone's inception
   * and expiration: for RRsets made after loading, such as GeoDNS answers.
   */
  public byte[][] sign(RRset rrset) {
    return sign(rrset, zoneKeys, inception, expiration);
  }

  /**
   * Attaches to {@code answer}, an RRset made for one query (a GeoDNS answer at a name of this
   * zone), the RRSIGs of its records: made once per set of records, kept, and shared.
   */
  public void signAnswer(RRset answer) {
    byte[][] records = new byte[answer.size()][];
    for (int i = 0; i < records.length; i++) {
      records[i] = answer.rdata(i);
    }
    AnswerKey key = new AnswerKey(answer.owner(), answer.type(), answer.ttl(), records);
    byte[][] signatures = answers.getIfPresent(key);
    if (signatures == null) {
      // The key kept outlives the query, whose name is a buffer the thread reuses: keep a copy.
      AnswerKey kept = new AnswerKey(answer.owner().clone(), answer.type(), answer.ttl(), records);
      signatures = answers.get(kept, k -> sign(answer));
    }
    answer.setSignatures(signatures);
  }

  /** The records of one answer, compared by content and not by order. */
  private static final class AnswerKey {
    private final byte[] owner;
    private final int type;
    private final long ttl;
    private final byte[][] records;
    private final int hash;

    AnswerKey(byte[] owner, int type, long ttl, byte[][] records) {
      this.owner = owner;
      this.type = type;
      this.ttl = ttl;
      this.records = records;
      Arrays.sort(records, Arrays::compareUnsigned);
      this.hash = Objects.hash(Arrays.hashCode(owner), type, ttl, Arrays.deepHashCode(records));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AnswerKey k
          && k.hash == hash
          && k.type == type
          && k.ttl == ttl
          && Arrays.equals(k.owner, owner)
          && Arrays.deepEquals(k.records, records);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  static byte[][] sign(RRset rrset, List<SigningKey> keys, Instant inception, Instant expiration) {
    Name owner = WireName.toName(rrset.owner());
    org.xbill.DNS.RRset set = new org.xbill.DNS.RRset();
    for (int i = 0; i < rrset.size(); i++) {
      set.addRR(Record.newRecord(owner, rrset.type(), DClass.IN, rrset.ttl(), rrset.rdata(i)));
    }
    byte[][] out = new byte[keys.size()][];
    for (int k = 0; k < keys.size(); k++) {
      SigningKey key = keys.get(k);
      try {
        RRSIGRecord sig = DNSSEC.sign(set, key.dnskey(), key.privateKey(), inception, expiration);
        out[k] = sig.rdataToWireCanonical();
      } catch (DNSSEC.DNSSECException e) {
        throw new IllegalStateException("signing with " + key + " failed: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
