package net.anycastdns.server.rrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The token buckets of rate limiting, with time in the test's hands: what a bucket gives at once
 * and over time, the debt a flood runs up and how long it takes to pay back, and a table that many
 * sources fill.
 */
class TokenBucketsTest {
  private static final long KEY = 0x1234_5678_9abc_def0L;
  private static final int TABLE = 1 << 10;

  /**
   * A client taking one token every {@code everyMicros} for {@code seconds}, from a full bucket:
   * how many of its responses are within the limit.
   */
  @ParameterizedTest(name = "rate {0}, one every {1} µs for {2} s: {3} within")
  @CsvSource({
    "10, 100000, 10, 100", // exactly at the rate: never limited
    "3, 333334, 30, 90", // a rate whose token is not a whole number of microseconds
    "10, 50000, 10, 19", // twice the rate: each response over it runs the debt up, so soon none
    "100, 50, 5, 100", // a flood of 20,000 a second: the full bucket, then nothing
    "1000000, 1, 1, 1000000", // the highest rate
  })
  void overTime(int rate, long everyMicros, int seconds, int within) {
    TokenBuckets b = new TokenBuckets(rate, Duration.ofSeconds(15), TABLE);
    int n = 0;
    for (long t = 0; t < seconds * 1_000_000L; t += everyMicros) {
      n += b.take(KEY, t) ? 1 : 0;
    }
    assertEquals(within, n);
  }

  @Test
  void aFullBucketGivesTheRateAtOnce() {
    TokenBuckets b = new TokenBuckets(10, Duration.ofSeconds(15), TABLE);
    for (int i = 0; i < 10; i++) {
      assertTrue(b.take(KEY, 5_000_000), "token " + (i + 1));
    }
    assertFalse(b.take(KEY, 5_000_000), "the eleventh");
    assertTrue(b.take(KEY + 1, 5_000_000), "another key's bucket is full");
    // The eleventh took its token all the same: two tokens' time to get one.
    assertFalse(b.take(KEY, 5_100_000));
    assertTrue(b.take(KEY, 5_300_000));
  }

  @Test
  void aFloodIsAnsweredAgainOnceQuietForTheWindow() {
    TokenBuckets b = new TokenBuckets(10, Duration.ofSeconds(2), TABLE);
    for (long t = 0; t < 5_000_000; t += 1000) {
      b.take(KEY, t);
    }
    // In debt by the window (2 s) and a full bucket (1 s): within again once 9 tokens short.
    long last = 4_999_000;
    assertFalse(b.take(KEY, last + 2_099_000), "still paying");
    assertTrue(b.take(KEY, last + 2_200_000), "paid");
  }

  @Test
  void timeWrapsWithoutLimitingAnyone() {
    TokenBuckets b = new TokenBuckets(10, Duration.ofSeconds(15), TABLE);
    long wrap = 1L << 44; // the buckets keep time modulo 2^44 µs
    for (long t = wrap - 500_000; t < wrap + 500_000; t += 100_000) {
      assertTrue(b.take(KEY, t), "at the rate, across the wrap");
    }
    // A bucket untouched for half the wrap reads as far ahead: stale, so full.
    for (int i = 0; i < 20; i++) {
      b.take(KEY, wrap);
    }
    assertTrue(b.take(KEY, wrap + wrap / 2 + 1));
  }

  @Test
  void aSourceInDebtKeepsItsBucketWhileManyOthersFillTheTable() {
    TokenBuckets b = new TokenBuckets(10, Duration.ofSeconds(15), 64);
    for (int i = 0; i < 1000; i++) {
      b.take(KEY, 0);
    }
    for (long other = 1; other <= 10_000; other++) {
      long key = other * 0x9E3779B97F4A7C15L;
      assertTrue(b.take(key, 1000), "every new source gets a bucket, full");
    }
    assertFalse(b.take(KEY, 2000), "the flooder's bucket was not the one evicted");
  }

  @Test
  void anEvictedBucketStartsFull() {
    TokenBuckets b = new TokenBuckets(1, Duration.ofSeconds(15), 4); // one set of four
    long[] keys = {1L << 44, 2L << 44, 3L << 44, 4L << 44, 5L << 44};
    for (long k : keys) {
      assertTrue(b.take(k, 0));
    }
    assertTrue(b.take(keys[0], 0), "five keys in four buckets: the first was taken over");
  }

  @Test
  void threadsTakingFromOneBucketNeverLoseAToken() throws Exception {
    TokenBuckets b = new TokenBuckets(5000, Duration.ofSeconds(15), TABLE);
    AtomicInteger within = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      threads[i] =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int n = 0; n < 20_000; n++) {
                  within.addAndGet(b.take(KEY, 7_000_000) ? 1 : 0);
                }
              });
      threads[i].start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(5000, within.get(), "the full bucket, and not a token more");
  }
}
