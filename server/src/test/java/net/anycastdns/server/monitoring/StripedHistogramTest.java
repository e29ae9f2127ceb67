package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import org.junit.jupiter.api.Test;

/**
 * A value falls in the first bucket whose bound is at least the value (Prometheus' {@code le}),
 * beyond the last bound in {@code +Inf}, and the sum is scaled to the exposed unit.
 */
class StripedHistogramTest {
  @Test
  void bucketsAreInclusiveUpperBounds() {
    StripedHistogram h = new StripedHistogram(new long[] {10, 100}, 0.5);
    for (long v : new long[] {0, 10, 11, 100, 101, 5_000}) {
      h.record(v);
    }
    HistogramDataPointSnapshot s = h.snapshot(Labels.of("transport", "udp"));
    ClassicHistogramBuckets b = s.getClassicBuckets();

    assertEquals(3, b.size());
    assertEquals(5.0, b.getUpperBound(0));
    assertEquals(50.0, b.getUpperBound(1));
    assertEquals(Double.POSITIVE_INFINITY, b.getUpperBound(2));
    assertEquals(2, b.getCount(0));
    assertEquals(2, b.getCount(1));
    assertEquals(2, b.getCount(2));
    assertEquals(6, s.getCount());
    assertEquals((0 + 10 + 11 + 100 + 101 + 5_000) * 0.5, s.getSum());
    assertEquals("udp", s.getLabels().get("transport"));
  }
}
