package net.anycastdns.server.query;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.function.LongSupplier;
import net.anycastdns.common.IpPrefix;
import net.anycastdns.common.SipHash;
import net.anycastdns.server.config.RrlConfig;
import net.anycastdns.server.rrl.LimitedNetblocks;
import net.anycastdns.server.rrl.TokenBuckets;
import net.anycastdns.zones.LookupResult;
import org.xbill.DNS.Rcode;

/**
 * The rate-limit stage (RRL), after the answer: it looks at the response a UDP query is about to
 * get and decides whether it goes, is dropped, or slips out truncated. The design Knot DNS, NSD and
 * BIND share: a token bucket per client netblock and kind of response, so that a flood of spoofed
 * queries aimed at a victim's netblock gets at most {@code rate} answers a second of each kind,
 * while every other netblock, and every other kind of answer, is untouched.
 *
 * <p>The kinds, each keyed so that a flood cannot spread itself over many buckets:
 *
 * <ul>
 *   <li>a positive answer, by query name and type;
 *   <li>NXDOMAIN and NODATA, by zone, so that random names under a zone share one bucket;
 *   <li>a referral, by the delegation;
 *   <li>errors (REFUSED, FORMERR, ...), by zone, or by netblock alone outside every zone.
 * </ul>
 *
 * <p>Over the limit, every {@code slip}-th response slips: it goes out with TC set and no records,
 * so that a real client behind the netblock asks again over TCP (RFC 7766), which is never limited;
 * the others are dropped. A client that sent a cookie but no valid server cookie gets BADCOOKIE
 * with a server cookie instead (RFC 7873 section 5.2.3), so it can ask again over UDP, proven. A
 * query with a valid server cookie is never limited: its address is not spoofed. Nor are the exempt
 * networks (loopback, by default).
 *
 * <p>The keys are hashed with SipHash under a random key of this process, so that nobody can aim
 * keys at one another's buckets. Nothing here allocates or locks: the buckets are compare-and-set,
 * the slip counter is the thread's own.
 */
public final class ResponseRateLimit implements AutoCloseable {
  /** The response goes as it is (what {@link QueryWorkspace#rrl()} reads). */
  public static final int PASSED = 0;

  /** The response is dropped. */
  public static final int DROPPED = 1;

  /** The response slips out truncated: TC set, no records. */
  public static final int TRUNCATED = 2;

  /** The response slips out as BADCOOKIE, with a server cookie. */
  public static final int BADCOOKIE = 3;

  /** Size of the table: 2^18 buckets of 8 octets (2 MiB), a little over Knot's advice. */
  static final int BUCKETS = 1 << 18;

  /** Octets of a key: kind, family, type, netblock, then a name of up to 255 octets. */
  static final int KEY_LENGTH = 12 + 255;

  private static final byte POSITIVE = 1;
  private static final byte NODATA = 2;
  private static final byte NXDOMAIN = 3;
  private static final byte REFERRAL = 4;
  private static final byte ERROR = 5;

  private final TokenBuckets buckets;
  private final LimitedNetblocks limited;
  private final LongSupplier nanos;
  private final int slip;
  private final long ipv4Mask;
  private final long ipv6Mask;
  private final IpPrefix[] exempt;
  private final long k0;
  private final long k1;

  /**
   * @param nanos the clock buckets fill by: {@link System#nanoTime()}, or a test's
   */
  public ResponseRateLimit(RrlConfig config, LongSupplier nanos) {
    this.buckets = new TokenBuckets(config.rate(), config.window(), BUCKETS);
    this.limited =
        new LimitedNetblocks(
            config.rate(), config.window(), config.ipv4Prefix(), config.ipv6Prefix());
    this.nanos = nanos;
    this.slip = config.slip();
    this.ipv4Mask = config.ipv4Prefix() == 0 ? 0 : -1L << (32 - config.ipv4Prefix());
    this.ipv6Mask = config.ipv6Prefix() == 0 ? 0 : -1L << (64 - config.ipv6Prefix());
    this.exempt = config.exempt().toArray(new IpPrefix[0]);
    SecureRandom random = new SecureRandom();
    this.k0 = random.nextLong();
    this.k1 = random.nextLong();
  }

  /**
   * Starts: forgets what was counted before (the queries of the warm-up, {@link Warmup}, from
   * loopback), and logs the netblocks being limited from now on.
   */
  public void start() {
    buckets.clear();
    limited.start(() -> nanos.getAsLong() / 1_000_000);
  }

  /**
   * Decides what becomes of the UDP response just made in {@code ws} to a query from {@code
   * client}: {@link #PASSED}, {@link #DROPPED}, {@link #TRUNCATED} or {@link #BADCOOKIE}.
   */
  int verdict(QueryWorkspace ws, InetAddress client) {
    if (ws.cookie == CookieCheck.VALID) {
      return PASSED;
    }
    byte[] address = ws.client.of(client);
    for (IpPrefix p : exempt) {
      if (p.contains(address)) {
        return PASSED;
      }
    }
    boolean ipv6 = address.length == 16;
    long netblock = (ipv6 ? leading64(address) : leading32(address)) & (ipv6 ? ipv6Mask : ipv4Mask);
    int length = key(ws, ipv6, netblock);
    long now = nanos.getAsLong();
    if (buckets.take(SipHash.hash(k0, k1, ws.rrlKey, 0, length), now / 1000)) {
      return PASSED;
    }
    limited.limited(ipv6, netblock, now / 1_000_000);
    if (slip == 0 || ++ws.slipCount < slip) {
      return DROPPED;
    }
    ws.slipCount = 0;
    return ws.cookie == CookieCheck.NONE ? TRUNCATED : BADCOOKIE;
  }

  /** Writes the bucket's key for the response in {@code ws} into its key buffer; its length. */
  private static int key(QueryWorkspace ws, boolean ipv6, long netblock) {
    byte kind;
    byte[] name = ws.zoneApex;
    int qtype = 0;
    LookupResult r = ws.result;
    if (ws.rcode == Rcode.NXDOMAIN) {
      kind = NXDOMAIN;
    } else if (ws.rcode != Rcode.NOERROR) {
      kind = ERROR;
    } else if (ws.zoneIndex >= 0 && r.kind() == LookupResult.Kind.NODATA) {
      kind = NODATA;
    } else if (ws.zoneIndex >= 0 && r.kind() == LookupResult.Kind.REFERRAL) {
      kind = REFERRAL;
      name = r.authority().owner(0);
    } else {
      kind = POSITIVE; // an answer from a zone or GeoDNS, or a CHAOS answer
      name = ws.query.qname();
      qtype = ws.query.qtype();
    }
    byte[] key = ws.rrlKey;
    key[0] = kind;
    key[1] = (byte) (ipv6 ? 6 : 4);
    key[2] = (byte) (qtype >>> 8);
    key[3] = (byte) qtype;
    for (int i = 0; i < 8; i++) {
      key[4 + i] = (byte) (netblock >>> (56 - 8 * i));
    }
    if (name == null) {
      return 12;
    }
    System.arraycopy(name, 0, key, 12, name.length);
    return 12 + name.length;
  }

  private static long leading32(byte[] a) {
    return ((a[0] & 0xffL) << 24) | ((a[1] & 0xffL) << 16) | ((a[2] & 0xffL) << 8) | (a[3] & 0xffL);
  }

  private static long leading64(byte[] a) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (a[i] & 0xffL);
    }
    return v;
  }

  @Override
  public void close() {
    limited.close();
  }
}
