package net.anycastdns.sidecar.probe;

import java.net.InetSocketAddress;
import java.util.List;
import net.anycastdns.sidecar.health.PeerVerdict;

/**
 * What the peers answered to the probes that failed locally.
 *
 * @param peers one entry per configured peer
 */
public record PeerResults(List<Peer> peers) {

  /**
   * One peer's results.
   *
   * @param address the peer's unicast DNS address
   * @param results one per probe sent
   */
  public record Peer(InetSocketAddress address, List<ProbeResult> results) {
    public Peer {
      results = List.copyOf(results);
    }

    /**
     * True when this peer answered at least one of the probes wrongly too. A peer that does not
     * answer, or answers slowly, is not evidence that the data is wrong everywhere.
     */
    public boolean failing() {
      return results.stream().anyMatch(r -> r.verdict().wrongAnswer());
    }
  }

  public PeerResults {
    peers = List.copyOf(peers);
  }

  /** The counts the state machine decides on. */
  public PeerVerdict verdict() {
    return new PeerVerdict(peers.size(), (int) peers.stream().filter(Peer::failing).count());
  }
}
