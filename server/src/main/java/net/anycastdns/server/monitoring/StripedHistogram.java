package net.anycastdns.server.monitoring;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * One series of a Prometheus histogram with fixed buckets, recorded by many threads at once without
 * their getting in each other's way: each bucket and the sum is a {@link LongAdder}, which gives
 * every contending thread its own cell. Recording is a binary search and two adds, with no lock and
 * no allocation.
 *
 * <p>Why not Micrometer's {@code Timer}: its Prometheus histogram counts into one shared {@code
 * AtomicLongArray} and writes a shared volatile flag on every record. Measured on two cores, a
 * record took 62 ns on one thread but 277 ns on each of two, against 5 ns and 10 ns here; with two
 * histograms per query that was a measurable part of answering one.
 */
final class StripedHistogram {
  private final long[] bounds;
  private final double[] upperBounds;
  private final double scale;
  private final LongAdder[] counts;
  private final LongAdder sum = new LongAdder();

  /**
   * @param bounds inclusive upper bounds of the buckets, ascending, in the unit recorded; a {@code
   *     +Inf} bucket follows the last
   * @param scale what a recorded unit is in the unit exposed (1e-9 for nanoseconds as seconds)
   */
  StripedHistogram(long[] bounds, double scale) {
    this.bounds = bounds.clone();
    this.scale = scale;
    upperBounds = new double[bounds.length + 1];
    for (int i = 0; i < bounds.length; i++) {
      upperBounds[i] = bounds[i] * scale;
    }
    upperBounds[bounds.length] = Double.POSITIVE_INFINITY;
    counts = new LongAdder[bounds.length + 1];
    Arrays.setAll(counts, i -> new LongAdder());
  }

  void record(long value) {
    int i = Arrays.binarySearch(bounds, value);
    counts[i < 0 ? -i - 1 : i].increment();
    sum.add(value);
  }

  /**
   * The series as it is now. The count is the sum of the buckets, so the two always agree; the sum
   * may lag a record in flight, as Prometheus allows.
   */
  HistogramDataPointSnapshot snapshot(Labels labels) {
    long[] c = new long[counts.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts[i].sum();
    }
    return HistogramDataPointSnapshot.builder()
        .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, c))
        .sum(sum.sum() * scale)
        .labels(labels)
        .build();
  }
}
