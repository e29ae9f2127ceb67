package net.anycastdns.sidecar.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.anycastdns.sidecar.health.PeerVerdict;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import net.anycastdns.sidecar.testing.Probes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The probes that failed locally go to every peer; a peer counts as failing when it answers any of
 * them wrongly (rcode, AA, data) too. A peer that does not answer is no evidence.
 */
class PeerCheckTest {

  @ParameterizedTest(name = "peers {0}: {1} of {2} fail, global {3}")
  @CsvSource({
    "GOOD GOOD GOOD, 0, 3, false",
    "WRONG_DATA GOOD GOOD, 1, 3, false",
    "WRONG_DATA SERVFAIL GOOD, 2, 3, true",
    "WRONG_DATA WRONG_DATA WRONG_DATA, 3, 3, true",
    "SILENT GOOD, 0, 2, false",
    "SILENT SILENT SILENT, 0, 3, false",
    "SILENT WRONG_DATA WRONG_DATA, 2, 3, true",
    "NO_AA, 1, 1, true",
  })
  void peersAreCounted(String modes, int failing, int asked, boolean global) throws Exception {
    List<FakeDnsServer> peers = new ArrayList<>();
    try {
      for (String m : modes.split(" ")) {
        FakeDnsServer s = new FakeDnsServer();
        s.mode(FakeDnsServer.Mode.valueOf(m));
        peers.add(s);
      }
      try (SelfTest test =
          new SelfTest(
              peers.get(0).address(),
              List.of(),
              peers.stream().map(FakeDnsServer::address).toList(),
              Duration.ofMillis(300),
              new DnsClient(),
              Clock.systemUTC())) {
        PeerResults results =
            test.checkPeers(
                List.of(
                    Probes.www("udp"),
                    Probes.probe("example.com.", "SOA", "tcp", "NOERROR", null, null)));
        PeerVerdict v = results.verdict();
        assertEquals(asked, v.asked());
        assertEquals(failing, v.failing());
        assertEquals(global, v.faultIsGlobal());
        assertEquals(2, results.peers().get(0).results().size());
      }
    } finally {
      peers.forEach(FakeDnsServer::close);
    }
  }
}
