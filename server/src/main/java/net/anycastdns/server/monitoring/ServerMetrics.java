package net.anycastdns.server.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import net.anycastdns.geo.GeoDecision;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;
import net.anycastdns.server.query.ServingState;
import net.anycastdns.server.reload.SyncObserver;
import net.anycastdns.server.reload.SyncStatus;
import net.anycastdns.server.transport.DnsTransport;
import net.anycastdns.server.transport.QueryObserver;
import net.anycastdns.server.transport.TcpLimit;
import net.anycastdns.zones.ZoneSet;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Owns the Prometheus registry and every meter of the server, and records each query into meters
 * bound in advance.
 *
 * <p>Recording runs on the event-loop threads for every query, so it takes no lock and allocates
 * nothing, and threads do not contend: the meters are found by array index (transport, qtype slot,
 * rcode; the zone's position in its zone set), never by building tags or hashing; Micrometer's
 * Prometheus counters are {@code DoubleAdder}s, striped per thread; the two histograms are {@link
 * StripedHistogram}s, exposed through the same Prometheus registry; the series of each zone are
 * made from the zone set when Prometheus scrapes ({@link ZoneSeries}). Tags are bounded: no client
 * address and no query name becomes a label.
 *
 * <p>Geo answers per PoP belong here too, once the geo module answers by PoP: a counter pre-bound
 * per (pop, view) the same way as {@code dns_queries_total}.
 */
public final class ServerMetrics implements QueryObserver, SyncObserver, AutoCloseable {
  /** The QTYPEs counted under their own name; any other is counted as {@code other}. */
  private static final int[] QTYPES = {
    Type.A,
    Type.AAAA,
    Type.CNAME,
    Type.MX,
    Type.NS,
    Type.SOA,
    Type.TXT,
    Type.SRV,
    Type.PTR,
    Type.CAA,
    Type.DS,
    Type.DNSKEY,
    Type.HTTPS,
    Type.SVCB,
    Type.ANY
  };

  private static final int OTHER_QTYPE = QTYPES.length;
  private static final int QTYPE_SLOTS = QTYPES.length + 1;

  /** QTYPE to slot for QTYPEs up to the highest counted one (CAA, 257). */
  private static final byte[] SLOT_OF_QTYPE = slotsOfQtypes();

  /** RCODEs 0 to 15 from the header, and the extended ones this server sends: up to BADCOOKIE. */
  private static final int RCODE_SLOTS = Rcode.BADCOOKIE + 1;

  private static final String[] TRANSPORTS = {"udp", "tcp"};

  /**
   * Duration buckets, in nanoseconds, from 10 µs (an answer from memory) to 10 s (beyond any
   * client's patience): 1, 2.5 and 5 per decade.
   */
  private static final long[] DURATION_BUCKETS = {
    10_000,
    25_000,
    50_000,
    100_000,
    250_000,
    500_000,
    1_000_000,
    2_500_000,
    5_000_000,
    10_000_000,
    25_000_000,
    50_000_000,
    100_000_000,
    250_000_000,
    500_000_000,
    1_000_000_000,
    2_500_000_000L,
    5_000_000_000L,
    10_000_000_000L
  };

  /**
   * Response size buckets around the limits that matter: 512 (UDP without EDNS, RFC 1035), 1232
   * (the default EDNS size, DNS flag day 2020), 1472 (an Ethernet frame with IPv4 and UDP headers),
   * 4096 (the largest EDNS size offered) and 65,535 (the largest TCP message).
   */
  private static final long[] SIZE_BUCKETS = {
    64, 128, 256, 512, 1024, 1232, 1472, 2048, 4096, 8192, 16_384, 65_535
  };

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final StripedHistogram[] duration = new StripedHistogram[2];
  private final StripedHistogram[] responseSize = new StripedHistogram[2];
  private final Counter[] truncated = new Counter[2];
  private final Counter[] malformed = new Counter[2];
  private final Counter[] dropped = new Counter[2];

  /** By {@code QueryWorkspace.rrl()}: what rate limiting did (slot 0, passed, is not counted). */
  private final Counter[] rrl = new Counter[4];

  /**
   * By {@code QueryWorkspace.cookie()}: what a COOKIE option held (slot 0, none, is not counted).
   */
  private final Counter[] cookies = new Counter[4];

  private final Counter[] tcpLimited = new Counter[TcpLimit.values().length];

  /** [transport][qtype slot][rcode], registered on first use so that unseen series stay absent. */
  private final Counter[] queries = new Counter[2 * QTYPE_SLOTS * RCODE_SLOTS];

  private final Map<String, Counter> geoAnswers = new ConcurrentHashMap<>();
  private final Counter geoFailOpen;
  private final ZoneSeries zoneSeries;
  private final MultiGauge commitInfo;
  private volatile SyncStatus sync = SyncStatus.NONE;

  /**
   * @param identity the server identity, a tag on every meter
   * @param pop the point of presence, a tag on every meter ("" when none is given), so that one
   *     Prometheus can scrape every PoP and tell them apart
   */
  public ServerMetrics(String identity, String pop) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("identity", identity, "pop", pop);
    Labels[] transportLabels = new Labels[2];
    for (int t = 0; t < 2; t++) {
      Tags tags = Tags.of("transport", TRANSPORTS[t]);
      transportLabels[t] = Labels.of("identity", identity, "pop", pop, "transport", TRANSPORTS[t]);
      duration[t] = new StripedHistogram(DURATION_BUCKETS, 1e-9);
      responseSize[t] = new StripedHistogram(SIZE_BUCKETS, 1);
      truncated[t] =
          Counter.builder("dns.responses.truncated")
              .description("Responses sent with TC set because the answer did not fit")
              .tags(tags)
              .register(registry);
      dropped[t] =
          Counter.builder("dns.responses.dropped")
              .description(
                  "Answers not sent because the socket could not take them (send buffer full)")
              .tags(tags)
              .register(registry);
      malformed[t] =
          Counter.builder("dns.malformed.queries")
              .description(
                  "Packets that were not a well-formed query: dropped, or answered FORMERR")
              .tags(tags)
              .register(registry);
    }
    PrometheusRegistry prometheus = registry.getPrometheusRegistry();
    prometheus.register(
        histogram(
            "dns_query_duration_seconds",
            "Time from reading a query to writing its answer",
            Unit.SECONDS,
            duration,
            transportLabels));
    prometheus.register(
        histogram(
            "dns_response_size_bytes",
            "Size of the responses sent",
            Unit.BYTES,
            responseSize,
            transportLabels));
    String[] rrlActions = {null, "dropped", "truncated", "badcookie"};
    String[] cookieResults = {null, "client_only", "valid", "invalid"};
    for (int i = 1; i < 4; i++) {
      rrl[i] =
          Counter.builder("dns.rrl.responses")
              .description("UDP responses rate limiting dropped, or sent truncated or BADCOOKIE")
              .tag("action", rrlActions[i])
              .register(registry);
      cookies[i] =
          Counter.builder("dns.cookies")
              .description("Queries with a COOKIE option, by what it held")
              .tag("result", cookieResults[i])
              .register(registry);
    }
    for (TcpLimit limit : TcpLimit.values()) {
      tcpLimited[limit.ordinal()] =
          Counter.builder("dns.tcp.connections.closed")
              .description("TCP connections closed because they went over a limit")
              .tag("reason", limit.label())
              .register(registry);
    }
    geoFailOpen =
        Counter.builder("dns.geo.fail.open")
            .description("GeoDNS answers with every address because every PoP was down or failing")
            .register(registry);
    zoneSeries = new ZoneSeries(identity, pop);
    prometheus.register(zoneSeries);
    commitInfo =
        MultiGauge.builder("dns.sync.commit.info")
            .description("The git commit served, as the label commit (value 1)")
            .register(registry);
    Gauge.builder("dns.sync.last.success.timestamp", this, ServerMetrics::lastSuccessSeconds)
        .description("When a sync last ended serving the newest revision, in Unix seconds")
        .baseUnit("seconds")
        .register(registry);
    FunctionCounter.builder("dns.sync.failures", this, m -> m.sync.failures())
        .description("Syncs that failed to read the zone source or refused a revision")
        .register(registry);

    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  @Override
  public void handled(
      QueryWorkspace ws, boolean tcp, SocketAddress client, int length, long nanos) {
    int t = tcp ? 1 : 0;
    int rrlAction = ws.rrl();
    if (rrlAction != 0) {
      rrl[rrlAction].increment();
    }
    int cookie = ws.cookie();
    if (cookie != 0) {
      cookies[cookie].increment();
    }
    if (length < 0) {
      if (rrlAction == 0) {
        malformed[t].increment();
      }
      return;
    }
    int rcode = ws.rcode();
    if (rcode == Rcode.FORMERR) {
      malformed[t].increment();
    }
    queries(t, qtypeSlot(ws.qtype()), rcode).increment();
    duration[t].record(nanos);
    responseSize[t].record(length);
    if (ws.truncated()) {
      truncated[t].increment();
    }
    GeoDecision geo = ws.geo();
    if (geo != null) {
      countGeo(geo);
    }
    zoneSeries.countQuery(ws.zoneIndex(), ws.zoneGeneration());
  }

  @Override
  public void dropped(boolean tcp) {
    dropped[tcp ? 1 : 0].increment();
  }

  @Override
  public void tcpLimited(TcpLimit limit) {
    tcpLimited[limit.ordinal()].increment();
  }

  /** Counts a GeoDNS answer once for each PoP whose addresses it carried. */
  private void countGeo(GeoDecision geo) {
    if (geo.failOpen()) {
      geoFailOpen.increment();
    }
    List<String> pops = geo.pops();
    for (int i = 0; i < pops.size(); i++) {
      Counter c = geoAnswers.get(pops.get(i));
      if (c == null) {
        c =
            geoAnswers.computeIfAbsent(
                pops.get(i),
                pop ->
                    Counter.builder("dns.geo.answers")
                        .description("GeoDNS answers that carried the addresses of this PoP")
                        .tag("answer_pop", pop)
                        .register(registry));
      }
      c.increment();
    }
  }

  /** GeoDNS answers that failed open (every PoP down or failing) since the start. */
  public long geoFailOpenCount() {
    return (long) geoFailOpen.count();
  }

  /** A histogram with one series per transport. */
  private static Collector histogram(
      String name, String help, Unit unit, StripedHistogram[] perTransport, Labels[] labels) {
    return () -> {
      HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(name).help(help).unit(unit);
      for (int t = 0; t < perTransport.length; t++) {
        b.dataPoint(perTransport[t].snapshot(labels[t]));
      }
      return b.build();
    };
  }

  private Counter queries(int transport, int qtypeSlot, int rcode) {
    int i = (transport * QTYPE_SLOTS + qtypeSlot) * RCODE_SLOTS + rcode;
    Counter c = queries[i];
    if (c == null) {
      // The first query of this kind. Two threads may race here; registering is idempotent, so
      // both get the same counter, and its state is in final fields, so a plain array slot
      // publishes it safely (JLS 17.5).
      c =
          Counter.builder("dns.queries")
              .description("Queries answered, by transport, query type and response code")
              .tags(
                  "transport",
                  TRANSPORTS[transport],
                  "qtype",
                  qtypeName(qtypeSlot),
                  "rcode",
                  Rcode.string(rcode))
              .register(registry);
      queries[i] = c;
    }
    return c;
  }

  private static int qtypeSlot(int qtype) {
    return qtype >= 0 && qtype < SLOT_OF_QTYPE.length ? SLOT_OF_QTYPE[qtype] : OTHER_QTYPE;
  }

  private static byte[] slotsOfQtypes() {
    byte[] slots = new byte[Arrays.stream(QTYPES).max().orElseThrow() + 1];
    Arrays.fill(slots, (byte) OTHER_QTYPE);
    for (int i = 0; i < QTYPES.length; i++) {
      slots[QTYPES[i]] = (byte) i;
    }
    return slots;
  }

  private static String qtypeName(int slot) {
    return slot == OTHER_QTYPE ? "other" : Type.string(QTYPES[slot]);
  }

  /**
   * Describes the zone set about to be published: the serial and record count of each zone, the
   * earliest signature expiration of each signed zone, and a query counter per zone. Call it before
   * the set is published, so that its queries are counted from the first one. Zones no longer
   * served lose their series.
   */
  public void zones(ZoneSet set) {
    zoneSeries.publish(set);
  }

  /** Describes {@code next} before the reloader publishes it: see {@link #zones}. */
  @Override
  public void publishing(ServingState next) {
    zones(next.zones());
  }

  @Override
  public synchronized void status(SyncStatus status) {
    String before = sync.commit();
    sync = status;
    if (!Objects.equals(before, status.commit())) {
      commitInfo.register(
          status.commit() == null
              ? List.of()
              : List.of(MultiGauge.Row.of(Tags.of("commit", status.commit()), 1)),
          true);
    }
  }

  private double lastSuccessSeconds() {
    Instant t = sync.lastSuccess();
    // NaN before the first success, so that "time() - this > N" alerts stay quiet, not fire.
    return t == null ? Double.NaN : t.toEpochMilli() / 1000.0;
  }

  /**
   * Publishes the TCP connections open on {@code server} as {@code dns_tcp_connections}, and what
   * they hold waiting as {@code dns_tcp_buffered_bytes}.
   */
  public void watch(DnsTransport server) {
    Gauge.builder("dns.tcp.connections", server, DnsTransport::openTcpConnections)
        .description("TCP connections open")
        .strongReference(true)
        .register(registry);
    Gauge.builder("dns.tcp.buffered", server, DnsTransport::tcpBufferedOctets)
        .description("Octets TCP connections hold in answers and queries waiting for clients")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
  }

  /** Publishes the lines the query log had to drop as {@code dns_query_log_dropped_total}. */
  public void watch(QueryLog log) {
    FunctionCounter.builder("dns.query.log.dropped", log, QueryLog::dropped)
        .description("Query log lines dropped because the writer could not keep up")
        .register(registry);
  }

  /**
   * Publishes the queries that failed inside the server (answered SERVFAIL, and logged) as {@code
   * dns_internal_errors_total}.
   */
  public void watch(QueryProcessor processor) {
    FunctionCounter.builder("dns.internal.errors", processor, QueryProcessor::internalErrors)
        .description("Queries that failed inside the server and were answered SERVFAIL")
        .register(registry);
  }

  /** Every meter in the Prometheus text format. */
  /** Registers the meters of {@code binder} (a part of the server that counts for itself). */
  public void bind(io.micrometer.core.instrument.binder.MeterBinder binder) {
    binder.bindTo(registry);
  }

  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
