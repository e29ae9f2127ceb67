package net.anycastdns.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One RRset asked of a server with the DO bit over TCP, with its RRSIGs checked against the zone's
 * DNSKEY RRset (asked the same way) at a given time, as a validator would at that time: for tests
 * whose clock is not the wall clock, where a real resolver cannot follow.
 *
 * @param rrset the RRset answered
 * @param signers the key tags of its RRSIGs
 * @param failures why signatures failed: none verifies, or one that did not
 */
public record SignedAnswer(RRset rrset, Set<Integer> signers, List<String> failures) {
  /** Asks {@code server} for {@code name}/{@code type} and checks it at {@code at}. */
  public static SignedAnswer ask(
      InetSocketAddress server, String zone, String name, int type, Instant at) throws IOException {
    RRset keys = answer(server, zone, Type.DNSKEY);
    RRset rrset = answer(server, name, type);
    Set<Integer> signers = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    List<RRSIGRecord> sigs = rrset.sigs();
    if (sigs.isEmpty()) {
      failures.add(name + " " + Type.string(type) + ": no RRSIG");
    }
    for (RRSIGRecord sig : sigs) {
      signers.add(sig.getFootprint());
      DNSKEYRecord key = null;
      for (Record r : keys.rrs(false)) {
        if (r instanceof DNSKEYRecord k && k.getFootprint() == sig.getFootprint()) {
          key = k;
        }
      }
      if (key == null) {
        failures.add("RRSIG by key " + sig.getFootprint() + ", which is not in the DNSKEY RRset");
        continue;
      }
      try {
        DNSSEC.verify(rrset, sig, key, at);
      } catch (DNSSEC.DNSSECException e) {
        failures.add("RRSIG by key " + sig.getFootprint() + ": " + e.getMessage());
      }
    }
    return new SignedAnswer(rrset, signers, failures);
  }

  /** The key tags of the records of this RRset: DNSKEY, CDNSKEY or CDS. */
  public Set<Integer> keyTags() {
    Set<Integer> tags = new TreeSet<>();
    for (Record r : rrset.rrs(false)) {
      if (r instanceof DNSKEYRecord k) {
        tags.add(k.getFootprint());
      } else if (r instanceof DSRecord ds) {
        tags.add(ds.getFootprint());
      }
    }
    return tags;
  }

  private static RRset answer(InetSocketAddress server, String name, int type) throws IOException {
    Message query = RunningServer.query(name, type);
    query.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    Message response = DnsClient.tcp(server, query);
    for (RRset r : response.getSectionRRsets(Section.ANSWER)) {
      if (r.getType() == type) {
        return r;
      }
    }
    throw new IOException(name + " " + Type.string(type) + ": no such RRset in " + response);
  }
}
