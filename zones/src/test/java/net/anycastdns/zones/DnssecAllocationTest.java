package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Choosing proofs allocates nothing per query: the lookup records references, and the DNSSEC stage
 * reuses its hasher and buffers, NSEC3 hashes of names that do not exist included.
 */
class DnssecAllocationTest {
  private static final int ROUNDS = 20_000;

  private static final Map<TestSigner.Denial, ZoneSnapshot> ZONES =
      SignedAnswers.signEachWay(
          "example.",
          """
      $TTL 3600
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.53
      www        A     192.0.2.80
      *.users    TXT   "wildcard"
      a.b.ent    TXT   "below empty non-terminals"
      insecure   NS    ns.elsewhere.test.
      alias      CNAME nx
      """);

  /** Every kind of proof: NXDOMAIN, NODATA, wildcard, wildcard NODATA, ENT, referral, CNAME. */
  private static final Object[][] QUERIES = {
    {"nx.example.", Type.A},
    {"www.example.", Type.MX},
    {"alice.users.example.", Type.TXT},
    {"alice.users.example.", Type.A},
    {"b.ent.example.", Type.TXT},
    {"www.insecure.example.", Type.A},
    {"insecure.example.", Type.DS},
    {"alias.example.", Type.A},
  };

  @Test
  void proofsDoNotAllocate() {
    byte[][] names = new byte[QUERIES.length][];
    for (int i = 0; i < QUERIES.length; i++) {
      names[i] = WireName.of((String) QUERIES[i][0]);
    }
    LookupResult result = new LookupResult();
    DnssecProofs proofs = new DnssecProofs();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (ZoneSnapshot zone : ZONES.values()) {
      answerAll(zone, names, result, proofs); // lets the JIT compile the path
      long before = threads.getCurrentThreadAllocatedBytes();
      answerAll(zone, names, result, proofs);
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      // One object per query would be at least 16 bytes each; allow for the measuring itself.
      assertTrue(
          allocated < 4_096,
          allocated + " bytes for " + ROUNDS * names.length + " queries in " + zone);
    }
  }

  private static void answerAll(
      ZoneSnapshot zone, byte[][] names, LookupResult result, DnssecProofs proofs) {
    for (int r = 0; r < ROUNDS; r++) {
      for (int i = 0; i < names.length; i++) {
        ZoneLookup.lookup(zone, names[i], (int) QUERIES[i][1], false, result);
        proofs.addTo(zone, result);
      }
    }
  }
}
