package net.anycastdns.sidecar.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import net.anycastdns.sidecar.probe.Probe;

/**
 * The {@code selftest:} section.
 *
 * @param server the address the probes go to (on a PoP, the anycast address itself)
 * @param interval time between self-tests
 * @param fastInterval time between self-tests while a change is pending
 * @param timeout how long each probe waits for its answer
 * @param rise consecutive successes to announce
 * @param fall consecutive failures to withdraw
 * @param probes the queries, all of which must pass
 * @param peers unicast addresses of other PoPs' servers, for the guard against withdrawing
 *     everywhere at once; may be empty
 */
public record SelfTestConfig(
    InetSocketAddress server,
    Duration interval,
    Duration fastInterval,
    Duration timeout,
    int rise,
    int fall,
    List<Probe> probes,
    List<InetSocketAddress> peers) {

  public SelfTestConfig {
    probes = List.copyOf(probes);
    peers = List.copyOf(peers);
  }
}
