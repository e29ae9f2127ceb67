package net.anycastdns.server.rrl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import net.anycastdns.common.DaemonThreads;
import net.anycastdns.common.IpPrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which client netblocks response rate limiting is limiting, logged off the query path: one line
 * when a netblock starts being limited, one when none of its responses has been for the window (by
 * then its buckets have paid their debt), never one per query.
 *
 * <p>The query path only notes a limited response in a small table of fixed size ({@link #limited}:
 * two plain writes, no lock, no allocation); a thread of its own reads the table every second and
 * logs the changes. Two netblocks that share a slot may hide one another for a second: this is a
 * log, not an account (the metric {@code dns_rrl_responses_total} counts). Under a flood from many
 * spoofed sources at most {@value #NAMED} netblocks are named per second and per change, and the
 * others counted in one line.
 */
public final class LimitedNetblocks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LimitedNetblocks.class);

  private static final int SLOTS = 1024;
  private static final int NAMED = 10;

  /** Netblocks followed from start to stop; beyond, new ones are counted, not followed. */
  private static final int FOLLOWED = 4096;

  private final AtomicLongArray netblocks = new AtomicLongArray(SLOTS);

  /** When a response to the slot's netblock was last limited, in ms, shifted left, low bit IPv6. */
  private final AtomicLongArray seen = new AtomicLongArray(SLOTS);

  private final int rate;
  private final int ipv4Prefix;
  private final int ipv6Prefix;
  private final long quietMillis;

  /** The netblocks being limited, as last reported: when each started and was last limited. */
  private final Map<Netblock, long[]> followed = new LinkedHashMap<>();

  private ScheduledExecutorService reporter;

  /**
   * @param rate the rate limit, for the log line
   * @param window how long a netblock must go unlimited to be reported as no longer limited
   */
  public LimitedNetblocks(int rate, Duration window, int ipv4Prefix, int ipv6Prefix) {
    this.rate = rate;
    this.ipv4Prefix = ipv4Prefix;
    this.ipv6Prefix = ipv6Prefix;
    this.quietMillis = window.toMillis();
  }

  /**
   * Notes that a response to {@code netblock} (the leading bits of the client address, as a number:
   * 32 for IPv4, 64 for IPv6) was limited at {@code millis}. For the query path.
   */
  public void limited(boolean ipv6, long netblock, long millis) {
    int slot = (int) (Long.rotateLeft(netblock * 0x9E3779B97F4A7C15L, 17) & (SLOTS - 1));
    netblocks.setOpaque(slot, netblock);
    seen.setOpaque(slot, (millis << 1) | (ipv6 ? 1 : 0));
  }

  /**
   * Forgets every response noted so far, then reports the changes every second on a thread of its
   * own, with the clock {@code millis}.
   */
  public void start(LongSupplier millis) {
    for (int slot = 0; slot < SLOTS; slot++) {
      seen.set(slot, 0);
    }
    reporter = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("rrl-log"));
    reporter.scheduleWithFixedDelay(
        () -> report(millis.getAsLong()).forEach(log::info), 1, 1, TimeUnit.SECONDS);
  }

  /** The lines that report what changed since the last report, at {@code millis}. */
  public synchronized List<String> report(long millis) {
    List<String> lines = new ArrayList<>();
    int started = 0;
    for (int slot = 0; slot < SLOTS; slot++) {
      long s = seen.getOpaque(slot);
      long when = s >> 1;
      if (s == 0 || millis - when > quietMillis) {
        continue;
      }
      Netblock n = new Netblock((s & 1) != 0, netblocks.getOpaque(slot));
      long[] times = followed.get(n);
      if (times != null) {
        times[1] = Math.max(times[1], when);
      } else if (followed.size() < FOLLOWED) {
        followed.put(n, new long[] {when, when});
        if (started++ < NAMED) {
          lines.add(
              "rrl: limiting responses to "
                  + format(n)
                  + " (more than "
                  + rate
                  + " a second of one kind)");
        }
      } else {
        started++;
      }
    }
    if (started > NAMED) {
      lines.add("rrl: limiting responses to " + (started - NAMED) + " more netblocks");
    }
    int stopped = 0;
    for (Iterator<Map.Entry<Netblock, long[]>> it = followed.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Netblock, long[]> e = it.next();
      long[] times = e.getValue();
      if (millis - times[1] > quietMillis) {
        it.remove();
        if (stopped++ < NAMED) {
          lines.add(
              "rrl: no longer limiting responses to "
                  + format(e.getKey())
                  + " (limited for "
                  + Math.max(1, (times[1] - times[0] + 999) / 1000)
                  + " s)");
        }
      }
    }
    if (stopped > NAMED) {
      lines.add("rrl: no longer limiting responses to " + (stopped - NAMED) + " more netblocks");
    }
    return lines;
  }

  private String format(Netblock n) {
    byte[] address = new byte[n.ipv6 ? 16 : 4];
    long bits = n.ipv6 ? n.bits : n.bits << 32;
    for (int i = 0; i < Math.min(8, address.length); i++) {
      address[i] = (byte) (bits >>> (56 - 8 * i));
    }
    return IpPrefix.of(address, n.ipv6 ? ipv6Prefix : ipv4Prefix).toString();
  }

  @Override
  public void close() {
    if (reporter != null) {
      reporter.shutdownNow();
    }
  }

  private record Netblock(boolean ipv6, long bits) {}
}
