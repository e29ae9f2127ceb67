package net.anycastdns.sidecar.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import net.anycastdns.sidecar.testing.Probes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stopped server fails at once, not after the timeout: TCP is refused and UDP, on a connected
 * socket, gets the ICMP port unreachable.
 */
class UnreachableServerTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"udp", "tcp"})
  void aStoppedServerFailsFast(String transport) throws Exception {
    Duration timeout = Duration.ofSeconds(1);
    ProbeResult r = null;
    long tookMillis = 0;
    InetSocketAddress gone = null;
    // The kernel rate-limits ICMP errors host-wide (net.ipv4.icmp_msgs_per_sec), so another
    // build hammering closed ports at the same moment can swallow the one we wait for: a few
    // attempts, each on a fresh port.
    for (int attempt = 0; attempt < 3; attempt++) {
      try (FakeDnsServer s = new FakeDnsServer()) {
        gone = s.address();
      }
      SelfTest test =
          new SelfTest(
              gone,
              List.of(Probes.www(transport)),
              List.of(),
              timeout,
              new DnsClient(),
              Clock.systemUTC());
      long start = System.nanoTime();
      r = test.run().results().get(0);
      tookMillis = (System.nanoTime() - start) / 1_000_000;
      if (r.verdict() != Verdict.TIMEOUT) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(Verdict.UNREACHABLE, r.verdict(), r.describe());
    assertTrue(r.detail().startsWith("nothing listens at 127.0.0.1:" + gone.getPort()), r.detail());
    assertTrue(tookMillis < timeout.toMillis() / 2, "took " + tookMillis + "ms");
  }
}
