package net.anycastdns.server.query;

import java.net.InetAddress;
import net.anycastdns.zones.ZoneSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Runs the query path over the zones just loaded before the server says it is ready, so that the
 * JIT has compiled it by the first real query (a cold path answered the first query of a new
 * process in 656 ms once, and a sidecar probe with a 200 ms limit failed on it). The queries cover
 * the kinds of answer a zone gives: data at the apex with additional records, NODATA, NXDOMAIN (or
 * a wildcard), ANY, with and without EDNS, over both transports' code paths.
 */
public final class Warmup {
  private static final Logger log = LoggerFactory.getLogger(Warmup.class);

  /** Enough calls for the JIT's optimising compiler to take the hot methods. */
  static final int QUERIES = 20_000;

  private static final int[] TYPES = {Type.SOA, Type.NS, Type.A, Type.AAAA, Type.MX, Type.ANY};

  private Warmup() {}

  /** Answers {@link #QUERIES} queries for names of {@code state}'s zones, on this thread. */
  public static void run(QueryProcessor processor, ServingState state) {
    if (state.zones().zones().isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    byte[][] queries = queries(state);
    QueryWorkspace ws = new QueryWorkspace();
    InetAddress client = InetAddress.getLoopbackAddress();
    for (int i = 0; i < QUERIES; i++) {
      byte[] q = queries[i % queries.length];
      System.arraycopy(q, 0, ws.request, 0, q.length);
      processor.process(ws, q.length, (i & 1) == 0, client);
    }
    log.info(
        "query path warmed up with {} queries in {} ms",
        QUERIES,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static byte[][] queries(ServingState state) {
    int zones = Math.min(state.zones().zones().size(), 16);
    byte[][] out = new byte[zones * TYPES.length * 4][];
    int n = 0;
    for (int z = 0; z < zones; z++) {
      ZoneSnapshot zone = state.zones().zones().get(z);
      Name apex = zone.origin();
      Name absent = absent(z, apex);
      for (int type : TYPES) {
        for (int variant = 0; variant < 4; variant++) {
          Name name = variant < 2 ? apex : absent;
          out[n++] = query(name, type, variant % 2 == 0);
        }
      }
    }
    return out;
  }

  /** A name below the apex that a zone is unlikely to have; the apex when it would be too long. */
  private static Name absent(int z, Name apex) {
    try {
      return Name.fromString("warmup-" + z, apex);
    } catch (TextParseException e) {
      return apex;
    }
  }

  private static byte[] query(Name name, int type, boolean edns) {
    Message m = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    if (edns) {
      m.addRecord(new OPTRecord(1232, 0, 0), org.xbill.DNS.Section.ADDITIONAL);
    }
    return m.toWire();
  }
}
