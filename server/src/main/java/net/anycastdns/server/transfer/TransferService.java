package net.anycastdns.server.transfer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import net.anycastdns.server.config.TransferPolicy;
import net.anycastdns.server.monitoring.LogLimiter;
import net.anycastdns.server.query.ServingState;
import net.anycastdns.server.reload.Revision;
import net.anycastdns.server.reload.SourceFile;
import net.anycastdns.server.reload.SyncObserver;
import net.anycastdns.server.reload.ZoneSource;
import net.anycastdns.server.wire.Query;
import net.anycastdns.server.wire.QueryParser;
import net.anycastdns.zones.RRset;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Zone transfers out, and what keeps secondaries in step:
 *
 * <ul>
 *   <li>AXFR (RFC 5936) and IXFR (RFC 1995) over TCP, on threads of their own at a lower priority
 *       ({@link TransferThreads}; {@value #MAX_TRANSFERS} at once, up to {@value #MAX_WAITING} more
 *       waiting their turn, and a request beyond those dropped with its connection), so that no
 *       transfer holds back a query. A transfer sends the one snapshot it was handed, from start to
 *       end.
 *   <li>The IXFR history ({@link IxfrHistory}): on every change of a zone, the difference between
 *       the snapshot served before and the one served now; after a restart with zones from git,
 *       rebuilt from the commits before the one served.
 *   <li>NOTIFY (RFC 1996) to the zone's secondaries once its new serial is served, after the
 *       difference is kept, so that the IXFR they ask for finds it.
 * </ul>
 */
public final class TransferService implements SyncObserver, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("transfer");

  /** Transfers sent at once (BIND's transfers-out default). */
  public static final int MAX_TRANSFERS = 10;

  /** Transfer requests that wait for a thread; beyond these, the connection is closed. */
  public static final int MAX_WAITING = 100;

  private final IxfrHistory history;
  private final NotifySender notifier;
  private final ThreadPoolExecutor transfers;
  private final ExecutorService changes =
      Executors.newSingleThreadExecutor(r -> daemon(r, "zone-changes"));
  private final LogLimiter busy = new LogLimiter(10_000_000_000L, System::nanoTime);
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder incremental = new LongAdder();
  private volatile ServingState served = ServingState.EMPTY;

  /**
   * @param history the differences IXFR answers from
   * @param notifier sends NOTIFY to secondaries
   */
  public TransferService(IxfrHistory history, NotifySender notifier) {
    this.history = history;
    this.notifier = notifier;
    this.transfers =
        new ThreadPoolExecutor(
            MAX_TRANSFERS,
            MAX_TRANSFERS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_WAITING),
            new TransferThreads());
    transfers.allowCoreThreadTimeOut(true);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Sends the transfer {@code r} to {@code sink} on a transfer thread.
   *
   * @return false when too many transfers wait already: the caller closes the connection
   */
  public boolean start(TransferRequest r, TransferSink sink) {
    try {
      transfers.execute(() -> send(r, sink));
      return true;
    } catch (RejectedExecutionException e) {
      failed.increment();
      long unlogged = busy.event();
      if (unlogged != LogLimiter.SUPPRESSED) {
        log.warn(
            "{} of {} to {} dropped: {} transfers running and {} waiting{}",
            r.kind(),
            r.zone().origin(),
            r.client().getHostAddress(),
            MAX_TRANSFERS,
            MAX_WAITING,
            LogLimiter.more(unlogged));
      }
      return false;
    }
  }

  private void send(TransferRequest r, TransferSink sink) {
    long start = System.nanoTime();
    ZoneSnapshot zone = r.zone();
    boolean ok = false;
    Query query = new Query();
    QueryParser.parse(r.request(), r.request().length, query);
    TransferWriter out = new TransferWriter(r, query, sink);
    String what = r.kind();
    try {
      if (r.ixfr()) {
        what = ixfr(r, out);
      } else {
        whole(zone, out);
      }
      out.finish();
      ok = true;
      completed.increment();
      log.info(
          "{} of {} serial {} to {}{}: {} records in {} messages, {} ms",
          what,
          zone.origin(),
          zone.serial(),
          r.client().getHostAddress(),
          r.tsig() == null ? "" : " (key " + r.tsig().key().name() + ")",
          out.records(),
          out.messages(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      failed.increment();
      log.warn(
          "{} of {} serial {} to {} failed after {} ms: {}",
          what,
          zone.origin(),
          zone.serial(),
          r.client().getHostAddress(),
          (System.nanoTime() - start) / 1_000_000,
          e.toString());
    } finally {
      sink.finish(ok);
    }
  }

  /** SOA, every other RRset, SOA (RFC 5936 section 2.2). */
  private static void whole(ZoneSnapshot zone, TransferWriter out) throws IOException {
    out.add(zone.soa());
    IOException[] failure = new IOException[1];
    zone.forEachRRset(
        r -> {
          if (failure[0] == null) {
            try {
              out.add(r);
            } catch (IOException e) {
              failure[0] = e;
            }
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    out.add(zone.soa());
  }

  /**
   * RFC 1995 section 4: a current client gets our SOA alone; one whose serial the history leads
   * from gets the differences; any other the whole zone, as an AXFR would carry it.
   *
   * @return how it was answered, for the log
   */
  private String ixfr(TransferRequest r, TransferWriter out) throws IOException {
    ZoneSnapshot zone = r.zone();
    Long serial = clientSerial(r.request());
    if (serial == null) {
      // Section 3: the request carries the client's SOA in its authority section.
      out.error(Rcode.FORMERR);
      return "IXFR without the client's SOA";
    }
    if (IxfrHistory.current(zone, serial)) {
      out.add(zone.soa());
      return "IXFR (client at " + serial + ", current)";
    }
    List<ZoneDelta> chain = history.chain(zone, serial);
    if (chain == null) {
      whole(zone, out);
      return "IXFR (client at " + serial + ", whole zone)";
    }
    incremental.increment();
    out.add(zone.soa());
    for (ZoneDelta d : chain) {
      out.add(d.fromSoa());
      addAll(d.removed(), out);
      out.add(d.toSoa());
      addAll(d.added(), out);
    }
    out.add(zone.soa());
    return "IXFR (client at " + serial + ", " + chain.size() + " differences)";
  }

  private static void addAll(List<RRset> rrsets, TransferWriter out) throws IOException {
    for (RRset r : rrsets) {
      out.add(r);
    }
  }

  /** The serial of the SOA in the request's authority section, or null. */
  private static Long clientSerial(byte[] request) {
    try {
      for (Record rec : new Message(request).getSection(Section.AUTHORITY)) {
        if (rec instanceof SOARecord soa) {
          return soa.getSerial();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  // ---- zone changes: the IXFR history and NOTIFY

  /**
   * A new state is served: keeps the difference of every zone that changed, then tells its
   * secondaries, on a thread of its own (the reload thread goes on at once).
   */
  @Override
  public void published(ServingState previous, ServingState next) {
    served = next;
    Map<Name, ZoneSnapshot> before = new HashMap<>();
    for (ZoneSnapshot z : previous.zones().zones()) {
      before.put(z.origin(), z);
    }
    List<Runnable> work = new ArrayList<>();
    List<ZoneSnapshot> zones = next.zones().zones();
    for (int i = 0; i < zones.size(); i++) {
      ZoneSnapshot zone = zones.get(i);
      ZoneSnapshot old = before.get(zone.origin());
      TransferPolicy policy = next.policy(i).transfer();
      if (old == zone || (old != null && old.serial() == zone.serial())) {
        continue;
      }
      // The difference is kept only for a zone some rule lets transfer: no IXFR can ask for it
      // otherwise, and computing it walks both versions of the zone and keeps the old one in
      // memory meanwhile (a million-name zone: some 200 MB). A zone whose rules come later starts
      // its history at the next change; IXFRs before that get the whole zone (RFC 1995 section 4).
      ZoneSnapshot from = policy.allow().isEmpty() ? null : old;
      work.add(
          () -> {
            if (from != null) {
              history.record(zone, ZoneDelta.between(from, zone));
            }
            notifier.send(zone, policy);
          });
    }
    Set<Name> origins = zones.stream().map(ZoneSnapshot::origin).collect(Collectors.toSet());
    changes.execute(
        () -> {
          history.retain(origins);
          work.forEach(Runnable::run);
        });
  }

  /**
   * Rebuilds the IXFR history from the revisions before the one served (zones from git: its
   * commits), in the background: for each zone, the differences between the versions of its file,
   * newest first, until the history is full, the file is missing or has errors.
   */
  public void rebuildHistory(ZoneSource source, int revisions) {
    changes.execute(
        () -> {
          try {
            Optional<Revision> newest = source.lastServed();
            if (newest.isEmpty()) {
              return;
            }
            List<Revision> older = source.history(newest.get(), revisions);
            int rebuilt = 0;
            for (ZoneSnapshot zone : served.zones().zones()) {
              rebuilt += rebuild(zone, newest.get(), older);
            }
            if (rebuilt > 0) {
              log.info("IXFR history: {} differences rebuilt from {}", rebuilt, source.describe());
            }
          } catch (IOException | RuntimeException e) {
            log.warn("IXFR history not rebuilt: {}", e.toString());
          }
        });
  }

  private int rebuild(ZoneSnapshot zone, Revision newest, List<Revision> older) throws IOException {
    SourceFile file = file(newest, zone.file());
    if (file == null) {
      return 0;
    }
    String blob = file.blobId();
    ZoneSnapshot newer = zone;
    int rebuilt = 0;
    for (Revision r : older) {
      SourceFile f = file(r, zone.file());
      if (f == null) {
        break;
      }
      if (f.blobId().equals(blob)) {
        continue;
      }
      ZoneDirectoryLoader.ZoneLoad load = ZoneDirectoryLoader.load(f.name(), f.content().read());
      if (!load.ok() || !history.prepend(zone, ZoneDelta.between(load.zone(), newer))) {
        break;
      }
      rebuilt++;
      newer = load.zone();
      blob = f.blobId();
    }
    return rebuilt;
  }

  private static SourceFile file(Revision r, String name) {
    return r.files().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  // ---- counts, for the metrics

  /** Transfers running now. */
  public int active() {
    return transfers.getActiveCount();
  }

  /** Transfers sent whole. */
  public long completed() {
    return completed.sum();
  }

  /** Transfers that failed (the connection lost or stalled, or too many waiting). */
  public long failed() {
    return failed.sum();
  }

  /** IXFRs answered with differences rather than the whole zone. */
  public long incremental() {
    return incremental.sum();
  }

  /** Stops: transfers under way are interrupted, NOTIFYs waiting for an answer given up. */
  @Override
  public void close() {
    changes.shutdownNow();
    transfers.shutdownNow();
    notifier.close();
  }
}
