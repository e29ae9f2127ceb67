package net.anycastdns.sidecar.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.anycastdns.common.DaemonThreads;
import net.anycastdns.common.HostPort;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;

/**
 * Runs the configured probes against the local server (one round of the self-test) and, when asked,
 * the failed ones against the peers.
 *
 * <p>Queries look like a resolver's to an authoritative server: RD clear and EDNS(0) with a
 * 1232-octet UDP size (RFC 6891; the size DNS Flag Day 2020 settled on).
 */
public final class SelfTest implements AutoCloseable {
  private static final int EDNS_UDP_SIZE = 1232;

  private final InetSocketAddress server;
  private final List<Probe> probes;
  private final List<InetSocketAddress> peers;
  private final Duration timeout;
  private final DnsClient client;
  private final Clock clock;
  private final ExecutorService peerPool;

  public SelfTest(
      InetSocketAddress server,
      List<Probe> probes,
      List<InetSocketAddress> peers,
      Duration timeout,
      DnsClient client,
      Clock clock) {
    this.server = server;
    this.probes = List.copyOf(probes);
    this.peers = List.copyOf(peers);
    this.timeout = timeout;
    this.client = client;
    this.clock = clock;
    this.peerPool =
        peers.isEmpty()
            ? null
            : Executors.newFixedThreadPool(peers.size(), DaemonThreads.named("peer-probe"));
  }

  /** One round against the local server, probes one after the other. */
  public SelfTestResult run() {
    Instant started = clock.instant();
    List<ProbeResult> results = new ArrayList<>(probes.size());
    for (Probe p : probes) {
      results.add(probe(server, p));
    }
    return new SelfTestResult(started, results);
  }

  public boolean hasPeers() {
    return !peers.isEmpty();
  }

  /**
   * Sends {@code failed} (the probes that failed locally) to every peer at once and counts the
   * peers that answer at least one of them wrongly too.
   */
  public PeerResults checkPeers(Collection<Probe> failed) {
    List<Future<List<ProbeResult>>> futures = new ArrayList<>();
    for (InetSocketAddress peer : peers) {
      futures.add(
          peerPool.submit(
              () -> {
                List<ProbeResult> r = new ArrayList<>();
                for (Probe p : failed) {
                  r.add(probe(peer, p));
                }
                return r;
              }));
    }
    List<PeerResults.Peer> out = new ArrayList<>();
    for (int i = 0; i < peers.size(); i++) {
      out.add(new PeerResults.Peer(peers.get(i), await(futures.get(i), failed)));
    }
    return new PeerResults(out);
  }

  /** Sends one probe to one server and judges the answer. */
  public ProbeResult probe(InetSocketAddress target, Probe probe) {
    Message query = Message.newQuery(Record.newRecord(probe.name(), probe.type(), DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    query.addRecord(new OPTRecord(EDNS_UDP_SIZE, 0, 0), org.xbill.DNS.Section.ADDITIONAL);
    try {
      return AnswerJudge.judge(probe, client.exchange(target, probe.transport(), query, timeout));
    } catch (SocketTimeoutException e) {
      return failure(probe, Verdict.TIMEOUT, "no answer within " + timeout.toMillis() + "ms");
    } catch (PortUnreachableException e) {
      return failure(
          probe,
          Verdict.UNREACHABLE,
          "nothing listens at " + HostPort.format(target) + " (ICMP port unreachable)");
    } catch (ConnectException e) {
      return failure(
          probe,
          Verdict.UNREACHABLE,
          "nothing listens at " + HostPort.format(target) + " (" + e.getMessage() + ")");
    } catch (IOException e) {
      return failure(probe, Verdict.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (peerPool != null) {
      peerPool.shutdownNow();
    }
  }

  private List<ProbeResult> await(Future<List<ProbeResult>> future, Collection<Probe> failed) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return errors(failed, "interrupted");
    } catch (ExecutionException e) {
      return errors(failed, String.valueOf(e.getCause()));
    }
  }

  private static List<ProbeResult> errors(Collection<Probe> probes, String why) {
    List<ProbeResult> r = new ArrayList<>();
    for (Probe p : probes) {
      r.add(failure(p, Verdict.ERROR, why));
    }
    return r;
  }

  private static ProbeResult failure(Probe probe, Verdict verdict, String detail) {
    return new ProbeResult(probe, verdict, Optional.empty(), detail);
  }
}
