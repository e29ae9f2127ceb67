package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Verifies every RRSIG of a signed zone cryptographically with dnsjava's {@link DNSSEC#verify}, as
 * {@code kzonecheck --dnssec on}, {@code ldns-verify-zone} and {@code dnssec-verify} do: an RRset
 * passes when one of its RRSIGs verifies with a DNSKEY of the zone of matching algorithm and key
 * tag. The work is spread over threads; it is for {@code check}, not for every load, since it costs
 * a public-key operation per RRSIG. Validity times are the structural checks' business ({@link
 * SignedZoneChecks}): each signature is verified as of its inception.
 */
final class SignatureVerifier {
  /** RRsets handed to a thread at a time. */
  private static final int BATCH = 256;

  /** An RRset none of whose RRSIGs verifies, and why. */
  record Failure(RRset rrset, String reason) {}

  private SignatureVerifier() {}

  /**
   * The RRsets of {@code zone} whose signatures do not verify, found on {@code threads} threads.
   */
  static List<Failure> verify(ZoneSnapshot zone, int threads) {
    List<RRset> signed = new ArrayList<>();
    zone.forEachNode(
        n -> {
          for (RRset r : n.rrsets()) {
            if (r.signatureCount() > 0) {
              signed.add(r);
            }
          }
        });
    Nsec3Chain chain = zone.dnssec().nsec3();
    for (int i = 0; chain != null && i < chain.size(); i++) {
      signed.add(chain.record(i));
    }
    List<DNSKEYRecord> keys = keys(zone);
    List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int from = next.getAndAdd(BATCH);
                      from < signed.size();
                      from = next.getAndAdd(BATCH)) {
                    for (int i = from; i < Math.min(from + BATCH, signed.size()); i++) {
                      Failure f = verify(signed.get(i), keys);
                      if (f != null) {
                        failures.add(f);
                      }
                    }
                  }
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying signatures", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("verifying signatures failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return failures;
  }

  private static List<DNSKEYRecord> keys(ZoneSnapshot zone) {
    RRset dnskeys = zone.apex().rrset(Type.DNSKEY);
    List<DNSKEYRecord> keys = new ArrayList<>();
    for (int i = 0; i < dnskeys.size(); i++) {
      keys.add(
          (DNSKEYRecord)
              Record.newRecord(zone.origin(), Type.DNSKEY, DClass.IN, 0, dnskeys.rdata(i)));
    }
    return keys;
  }

  /** Null when an RRSIG of {@code r} verifies; otherwise why none does. */
  private static Failure verify(RRset r, List<DNSKEYRecord> keys) {
    Name owner = WireName.toName(r.owner());
    org.xbill.DNS.RRset rrset = new org.xbill.DNS.RRset();
    for (int i = 0; i < r.size(); i++) {
      rrset.addRR(Record.newRecord(owner, r.type(), DClass.IN, r.ttl(), r.rdata(i)));
    }
    String reason = "no DNSKEY of the zone has the RRSIG's key tag and algorithm";
    for (int i = 0; i < r.signatureCount(); i++) {
      RRSIGRecord sig =
          (RRSIGRecord) Record.newRecord(owner, Type.RRSIG, DClass.IN, r.ttl(), r.signature(i));
      for (DNSKEYRecord key : keys) {
        if (key.getFootprint() != sig.getFootprint() || key.getAlgorithm() != sig.getAlgorithm()) {
          continue;
        }
        try {
          DNSSEC.verify(rrset, sig, key, sig.getTimeSigned());
          return null;
        } catch (DNSSEC.DNSSECException e) {
          reason = "key " + sig.getFootprint() + ": " + e.getMessage();
        }
      }
    }
    return new Failure(r, reason);
  }
}
