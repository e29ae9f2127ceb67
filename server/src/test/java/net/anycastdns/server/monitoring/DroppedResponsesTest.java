package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.anycastdns.server.testing.Scrape;
import net.anycastdns.server.transport.QueryObserver;
import org.junit.jupiter.api.Test;

/**
 * {@code dns_responses_dropped_total} counts answers the socket could not take, per transport,
 * through every observer the transport is given.
 */
class DroppedResponsesTest {
  @Test
  void countsDropsPerTransport() {
    try (ServerMetrics metrics = new ServerMetrics("drops", "fra1")) {
      assertEquals(
          0.0,
          Scrape.parse(metrics.scrape()).value("dns_responses_dropped_total", "transport", "udp"));
      QueryObserver observer = QueryObserver.both(metrics, QueryObserver.NONE);
      observer.dropped(false);
      observer.dropped(false);
      metrics.dropped(true);
      Scrape after = Scrape.parse(metrics.scrape());
      assertEquals(2.0, after.value("dns_responses_dropped_total", "transport", "udp"));
      assertEquals(1.0, after.value("dns_responses_dropped_total", "transport", "tcp"));
    }
  }
}
