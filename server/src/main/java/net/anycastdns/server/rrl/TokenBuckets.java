package net.anycastdns.server.rrl;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The token buckets of response rate limiting, in a table of fixed size that every thread shares
 * without a lock, as BIND's RRL accounts them: a bucket gains {@code rate} tokens a second up to
 * {@code rate} (one second's worth), every response takes one, and a response is within the limit
 * when its bucket had a token. A response over the limit takes one all the same, down to a debt of
 * {@code window} seconds' worth, so a netblock that keeps flooding stays limited, and one that
 * stops is answered again once it has been quiet long enough to pay its debt back.
 *
 * <p>A bucket is one {@code long}: 20 bits of the key's hash (its fingerprint) and 44 bits of time,
 * in microseconds modulo 2^44 (203 days), when the bucket would be full again (the "theoretical
 * arrival time" of the GCRA, the same arithmetic as a token count, with fractions of tokens kept
 * exactly). A key's hash picks a set of four buckets; it takes the one with its fingerprint, or
 * else the one closest to full, which is the least recently limited. So a table that fills up (a
 * flood from many spoofed sources) evicts idle buckets first, and a source in debt keeps its
 * bucket. Updates are a compare-and-set of that one {@code long}: two threads answering the same
 * key never lose a token, and nothing waits.
 */
public final class TokenBuckets {
  /** Buckets per set: the choice a new key has when it needs one. */
  private static final int WAYS = 4;

  private static final int TIME_BITS = 44;
  private static final long TIME_MASK = (1L << TIME_BITS) - 1;

  private final AtomicLongArray buckets;
  private final int setMask;

  /** Microseconds a token is worth: 1/rate of a second. */
  private final long interval;

  /** How far ahead of now a bucket with one token left stands: (rate - 1) tokens. */
  private final long tolerance;

  /** How far ahead of now a bucket can be pushed: a full bucket plus the debt of the window. */
  private final long limit;

  /**
   * @param rate tokens a second, at least 1 and at most 1,000,000
   * @param window the most debt a bucket can run up, in seconds' worth of tokens
   * @param size buckets in the table: a power of two, at least {@value #WAYS}
   */
  public TokenBuckets(int rate, Duration window, int size) {
    if (rate < 1 || rate > 1_000_000) {
      throw new IllegalArgumentException("rate must be 1 to 1000000, not " + rate);
    }
    if (Integer.bitCount(size) != 1 || size < WAYS) {
      throw new IllegalArgumentException("size must be a power of two of at least 4: " + size);
    }
    buckets = new AtomicLongArray(size);
    setMask = size / WAYS - 1;
    interval = 1_000_000 / rate;
    tolerance = (rate - 1) * interval;
    limit = rate * interval + window.toSeconds() * 1_000_000;
  }

  /**
   * Takes a token from the bucket of the key whose hash is {@code hash}, at {@code micros} (any
   * monotonic microsecond clock).
   *
   * @return true when the response is within the limit
   */
  public boolean take(long hash, long micros) {
    int set = (int) (hash & setMask) * WAYS;
    long fingerprint = hash >>> TIME_BITS;
    long now = micros & TIME_MASK;
    while (true) { // until the compare-and-set wins: a loss means another thread's won
      int slot = -1;
      long old = 0;
      long ahead = 0;
      long emptiest = Long.MAX_VALUE;
      for (int i = set; i < set + WAYS; i++) {
        long b = buckets.get(i);
        long a = b == 0 ? 0 : ahead(b, now);
        if (b != 0 && b >>> TIME_BITS == fingerprint) {
          slot = i;
          old = b;
          ahead = a;
          break;
        }
        if (a < emptiest) {
          slot = i;
          old = b;
          ahead = 0; // another key's bucket, taken over: it starts full
          emptiest = a;
        }
      }
      // A bucket is never fuller than full: time behind now counts as now.
      long from = Math.max(ahead, 0);
      boolean within = from <= tolerance;
      long next = Math.min(from + interval, limit);
      long bucket = (fingerprint << TIME_BITS) | ((now + next) & TIME_MASK);
      if (buckets.compareAndSet(slot, old, bucket)) {
        return within;
      }
    }
  }

  /** Empties every bucket, as when the table was made. */
  public void clear() {
    for (int i = 0; i < buckets.length(); i++) {
      buckets.set(i, 0);
    }
  }

  /**
   * How far ahead of {@code now} bucket {@code b} stands, in microseconds; 0 or less is full. Time
   * wraps every 2^44 microseconds, so a bucket untouched for longer than half of that could read as
   * ahead: any value past {@link #limit} is such a stale bucket, and counts as full.
   */
  private long ahead(long b, long now) {
    long a = (((b & TIME_MASK) - now) << (64 - TIME_BITS)) >> (64 - TIME_BITS);
    return a > limit ? 0 : a;
  }
}
