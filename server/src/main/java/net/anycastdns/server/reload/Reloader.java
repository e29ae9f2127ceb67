package net.anycastdns.server.reload;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.anycastdns.common.DaemonThreads;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.server.config.ServerConfigReader;
import net.anycastdns.server.config.ZonePolicies;
import net.anycastdns.server.query.ServingState;
import net.anycastdns.server.query.ServingStateHolder;
import net.anycastdns.zones.OnlineSigning;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneProblem;
import net.anycastdns.zones.ZoneSnapshot;
import net.anycastdns.zones.keys.KeyFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what is served in step with its sources: the first load, then a sync on every poll, {@code
 * POST /sync} and SIGHUP.
 *
 * <p>One thread does all of it, so loads never overlap and the state below needs no lock. A sync
 * reads the configuration file again (its zone policies apply with the zones; other changes wait
 * for a restart, and say so), reads the newest revision of the zones, loads it beside the served
 * one ({@link ZoneSetLoader}, the strict rule: any error refuses it whole) and, only when it
 * passes, publishes the new {@link ServingState} (zones, GeoDNS and policies together) with one
 * reference swap ({@link ServingStateHolder#publish}). Queries take the state once each, so a query
 * in flight finishes on the state it started with, and none waits for a load; the old state is
 * garbage once the last of them is done.
 *
 * <p>A revision refused is remembered: polls that find it again do not load, log or count it again,
 * until the branch moves on.
 */
public final class Reloader implements SyncRequests, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Reloader.class);
  static final String POLL = "poll";

  /** The trigger of a sync that signs zones again whose signatures are due. */
  static final String RESIGN = "re-sign";

  /** How often the reload thread looks whether a zone's signatures are due. */
  private static final Duration RESIGN_CHECK = Duration.ofSeconds(5);

  private final ZoneSource source;
  private final ServerConfigReader.Loaded running;
  private final ConfigSource configs;
  private final ServingStateHolder holder;
  private final Function<GeoConfig, GeoResolver> geo;
  private final List<SyncObserver> observers;
  private final Clock clock;
  private final ZoneSetReclaimer reclaimer = ZoneSetReclaimer.forThisJvm();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("reload"));

  // Read and written on the reload thread only.
  private ServedRevision serving = ServedRevision.EMPTY;
  private Revision servedRevision;
  private ZonePolicies policies;
  private List<String> restartKeysWarned = List.of();
  private long generation;
  private String refusedId;
  private ZonePolicies refusedPolicies;
  private KeyFolder.Contents refusedKeys;
  private ZonePolicies servedPolicies;
  private List<String> refusedErrors = List.of();
  private String refusedError;
  private String lastFetchError;
  private SyncStatus status = SyncStatus.NONE;

  /**
   * The first load, from {@link #beginStart()} until {@link #start()} has published it; set on the
   * starting thread.
   */
  private Future<FirstLoad> firstLoad;

  /**
   * The zones of the first load, for {@link #serving()}; set on the reload thread before {@link
   * #start()} returns, read on the starting thread after.
   */
  private List<ZoneSnapshot> firstZones = List.of();

  /** The sync asked for that has not started yet, which later requests join; guarded by this. */
  private CompletableFuture<SyncResult> pending;

  /**
   * @param source where the zone folder comes from
   * @param config the configuration the server started with
   * @param configs reads the configuration again, for each sync
   * @param holder where the state served is published
   * @param geo the GeoDNS resolver for a revision's geo.yaml (health checks carried over); called
   *     on the reload thread just before the state is published
   * @param observers told of every state about to be published and of every status
   */
  public Reloader(
      ZoneSource source,
      ServerConfigReader.Loaded config,
      ConfigSource configs,
      ServingStateHolder holder,
      Function<GeoConfig, GeoResolver> geo,
      List<SyncObserver> observers,
      Clock clock) {
    this.source = source;
    this.running = config;
    this.policies = config.config().policies();
    this.configs = configs;
    this.holder = holder;
    this.geo = geo;
    this.observers = List.copyOf(observers);
    this.clock = clock;
  }

  /** Reads the configuration again: the file as it is now, with the same flags over it. */
  @FunctionalInterface
  public interface ConfigSource {
    ServerConfigReader.Loaded read() throws ConfigException;
  }

  /** Nothing can be served at startup: the source cannot be read and nothing was served before. */
  public static final class StartupException extends Exception {
    StartupException(String message) {
      super(message);
    }
  }

  /**
   * Starts the first load on the reload thread and returns at once, so that the zones load while
   * the rest of the server starts (binding its sockets, its HTTP endpoint). Nothing is logged or
   * published until {@link #start()}: a server that cannot bind says only that. For the first load
   * only: once {@link #start()} has returned, changes come by {@link #sync}.
   */
  public void beginStart() {
    if (firstLoad == null) {
      firstLoad = thread.submit(this::first);
    }
  }

  /**
   * The first load (begun by {@link #beginStart()}, or now); returns once a zone set is published.
   * Zones with errors are left out and the others served, as a process with nothing else to serve
   * must; but when the source has a revision served before the restart and the newest one has
   * errors, that revision is served instead, under the reload rule. When the source cannot be read,
   * the revision served before is served.
   *
   * @throws StartupException when the source cannot be read and has no revision served before
   */
  public void start() throws StartupException {
    beginStart();
    try {
      thread
          .submit(
              () -> {
                FirstLoad first = firstLoad.get();
                logFirst(first.next(), first.load(), first.start());
                publish(first.next(), first.load(), first.upToDate());
                firstZones = first.load().state().zones().zones();
                return null;
              })
          .get();
      // Its result holds the revision read, with the text of every file: let it go, and with it
      // what building the first set left behind.
      firstLoad = null;
      reclaimer.swapped();
      if (reclaimer.advice() != null) {
        log.warn("{}", reclaimer.advice());
      }
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof ExecutionException inner ? inner.getCause() : e.getCause();
      if (cause instanceof StartupException s) {
        throw s;
      }
      throw new IllegalStateException("first load failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while loading zones");
    }
  }

  /**
   * Writes the line for each zone of the first load, once the server answers queries: ten thousand
   * lines take 150 ms of a core, which the warm-up of the query path would otherwise share before
   * the server answers.
   */
  public void serving() {
    List<ZoneSnapshot> zones = firstZones;
    firstZones = List.of();
    thread.execute(() -> logLoaded(zones));
  }

  /** The revision the first load chose, its load, and whether it is the newest one. */
  private record FirstLoad(Revision next, ZoneSetLoader.Load load, boolean upToDate, long start) {}

  /**
   * Signs zones again before their signatures run short: the reload thread looks every few seconds
   * whether the clock passed a zone's {@link OnlineSigning#resignAt()} and then syncs, which signs
   * the due zones again and swaps them in as any reload does.
   */
  public void refreshSignatures() {
    long ms = RESIGN_CHECK.toMillis();
    thread.scheduleWithFixedDelay(
        () -> {
          Instant next = ZoneSigningStep.nextResign(serving);
          if (next != null && !clock.instant().isBefore(next)) {
            sync(RESIGN);
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
  }

  /** Asks for a sync every {@code every}, after the last one asked. */
  public void poll(Duration every) {
    long ms = every.toMillis();
    thread.scheduleWithFixedDelay(() -> sync(POLL), ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized CompletableFuture<SyncResult> sync(String trigger) {
    if (pending != null) {
      return pending;
    }
    CompletableFuture<SyncResult> f = new CompletableFuture<>();
    try {
      thread.execute(() -> run(f, trigger));
      pending = f;
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException("shutting down"));
    }
    return f;
  }

  private void run(CompletableFuture<SyncResult> f, String trigger) {
    synchronized (this) {
      pending = null;
    }
    SyncResult result;
    try {
      result = syncOnce(trigger);
    } catch (RuntimeException | OutOfMemoryError e) {
      // Out of memory is the one failure a large new zone set is likely to meet while the old
      // one is still held; once this frame is gone its garbage is collectable, and the old set
      // serves on.
      String error = "sync failed: " + e;
      log.error("sync ({}): {}; still serving {}", trigger, error, served(), e);
      setStatus(status.failed(error));
      result =
          new SyncResult(
              SyncResult.Outcome.FAILED, serving.commit(), null, List.of(), List.of(error));
    }
    f.complete(result);
    if (result.outcome() == SyncResult.Outcome.UPDATED) {
      // Here, with syncOnce's frame gone, the set replaced is referred to by nothing.
      reclaimer.swapped();
    }
  }

  private FirstLoad first() throws StartupException {
    long start = System.nanoTime();
    Optional<Revision> before = lastServed();
    Revision next;
    boolean upToDate = true;
    try {
      next = source.latest();
    } catch (IOException e) {
      if (before.isEmpty()) {
        throw new StartupException(e.getMessage());
      }
      next = before.get();
      log.warn(
          "{}; serving {}, the last one served before the restart",
          e.getMessage(),
          next.describe());
      lastFetchError = e.getMessage();
      setStatus(status.failed(e.getMessage()));
      upToDate = false;
    }
    if (before.isPresent() && !before.get().id().equals(next.id())) {
      ZoneSetLoader.Load load = load(next, ServedRevision.EMPTY, ZoneSetLoader.Mode.STRICT, 1);
      if (!load.refused()) {
        return new FirstLoad(next, load, true, start);
      }
      refuse("startup", next, load);
      next = before.get();
      log.warn("serving {} instead, the last one served before the restart", next.describe());
      upToDate = false;
    }
    ZoneSetLoader.Load load = load(next, ServedRevision.EMPTY, ZoneSetLoader.Mode.LENIENT, 1);
    if (load.refused()) {
      throw new StartupException(
          load.errors().stream().map(Reloader::format).collect(Collectors.joining("; ")));
    }
    return new FirstLoad(next, load, upToDate, start);
  }

  private ZoneSetLoader.Load load(
      Revision next, ServedRevision current, ZoneSetLoader.Mode mode, long nextGeneration) {
    return ZoneSetLoader.load(
        next, current, policies, running.config().pop(), mode, nextGeneration, clock.instant());
  }

  /** The key folder as it is now, or null when no zone is signed here. */
  private KeyFolder.Contents keyFolder() {
    return policies.dnssecKeys() == null ? null : KeyFolder.read(policies.dnssecKeys());
  }

  /** Whether two readings of the key folder found the same files and the same problems. */
  private static boolean sameKeys(KeyFolder.Contents a, KeyFolder.Contents b) {
    return a == null || b == null
        ? a == b
        : a.digests().equals(b.digests()) && a.problems().equals(b.problems());
  }

  private Optional<Revision> lastServed() {
    try {
      return source.lastServed();
    } catch (IOException e) {
      log.warn("cannot read the revision served before: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private SyncResult syncOnce(String trigger) {
    long start = System.nanoTime();
    boolean asked = !trigger.equals(POLL) && !trigger.equals(RESIGN);
    if (asked) {
      log.info("sync ({}): reading {}", trigger, source.describe());
    }
    SyncResult configRefused = rereadConfig(trigger);
    if (configRefused != null) {
      return configRefused;
    }
    Revision next;
    try {
      // Signatures coming due are made again for the revision served, not the newest one: a
      // refused push must not let the zones served run out of signatures.
      next = trigger.equals(RESIGN) && servedRevision != null ? servedRevision : source.latest();
    } catch (IOException e) {
      String error = e.getMessage();
      if (asked || !error.equals(lastFetchError)) {
        log.warn("sync ({}): {}; still serving {}", trigger, error, served());
      }
      lastFetchError = error;
      setStatus(status.failed(error));
      return new SyncResult(
          SyncResult.Outcome.FAILED, serving.commit(), null, List.of(), List.of(error));
    }
    lastFetchError = null;
    if (next.id().equals(serving.revisionId())
        && policies.equals(servedPolicies)
        && !ZoneSigningStep.signingChanged(serving, policies, clock.instant())) {
      if (asked) {
        log.info("sync ({}): {} is served already", trigger, next.describe());
      }
      refusedId = null;
      setStatus(status.succeeded(serving.commit(), clock.instant()));
      return new SyncResult(
          SyncResult.Outcome.UNCHANGED, serving.commit(), next.id(), List.of(), List.of());
    }
    if (next.id().equals(refusedId)
        && policies.equals(refusedPolicies)
        && sameKeys(refusedKeys, keyFolder())) {
      if (asked) {
        log.info(
            "sync ({}): {} was refused already; still serving {}",
            trigger,
            next.describe(),
            served());
      }
      if (!Objects.equals(status.lastError(), refusedError)) {
        setStatus(
            new SyncStatus(status.commit(), status.lastSuccess(), refusedError, status.failures()));
      }
      return new SyncResult(
          SyncResult.Outcome.REFUSED, serving.commit(), next.id(), List.of(), refusedErrors);
    }
    if (!asked) {
      log.info("sync ({}): new {} at {}", trigger, next.describe(), source.describe());
    }
    ZoneSetLoader.Load load = load(next, serving, ZoneSetLoader.Mode.STRICT, generation + 1);
    for (ZoneProblem p : load.problems()) {
      if (!p.isError()) {
        log.warn("sync ({}): {}: {}", trigger, next.describe(), p);
      }
    }
    if (load.refused()) {
      return refuse(trigger, next, load);
    }
    String was = served();
    publish(next, load, true);
    log.info(
        "sync ({}): serving {} in {} ms (was {}): {}; {} files parsed, {} reused",
        trigger,
        next.describe(),
        (System.nanoTime() - start) / 1_000_000,
        was,
        load.changes().isEmpty()
            ? "no zone changed"
            : String.join(", ", load.changes().stream().map(ZoneChange::toString).toList()),
        load.parsed(),
        load.reused());
    return new SyncResult(
        SyncResult.Outcome.UPDATED,
        serving.commit(),
        next.id(),
        load.changes().stream().map(ZoneChange::toString).toList(),
        List.of());
  }

  /**
   * Reads the configuration file again. Its zone policies apply from this sync on; a change to any
   * other setting is logged once as waiting for a restart. A file with problems refuses the sync,
   * and what is served stays.
   *
   * @return the refusal, or null when the configuration was read
   */
  private SyncResult rereadConfig(String trigger) {
    ServerConfigReader.Loaded fresh;
    try {
      fresh = configs.read();
    } catch (ConfigException e) {
      List<String> errors = e.problems().stream().map(Object::toString).toList();
      for (String error : errors) {
        log.error(
            "sync ({}): configuration refused, still serving {}: {}", trigger, served(), error);
      }
      setStatus(status.failed("configuration refused: " + errors.get(0)));
      return new SyncResult(SyncResult.Outcome.REFUSED, serving.commit(), null, List.of(), errors);
    }
    List<String> restart = ServerConfigReader.changedForRestart(running, fresh);
    if (!restart.isEmpty() && !restart.equals(restartKeysWarned)) {
      log.warn(
          "sync ({}): {} changed in the configuration; restart to apply (zone policies apply now)",
          trigger,
          String.join(", ", restart));
    }
    restartKeysWarned = restart;
    // What takes a restart keeps its running value: only the reloadable part is taken.
    policies = fresh.config().policies();
    return null;
  }

  private SyncResult refuse(String trigger, Revision next, ZoneSetLoader.Load load) {
    List<String> errors = load.errors().stream().map(Reloader::format).toList();
    String still = serving.revisionId() == null ? "" : ", still serving " + served();
    for (String e : errors) {
      log.error("sync ({}): {} refused{}: {}", trigger, next.describe(), still, e);
    }
    refusedId = next.id();
    refusedPolicies = policies;
    refusedKeys = keyFolder();
    refusedErrors = errors;
    refusedError =
        next.describe()
            + " refused: "
            + errors.get(0)
            + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    setStatus(status.failed(refusedError));
    return new SyncResult(
        SyncResult.Outcome.REFUSED, serving.commit(), next.id(), List.of(), errors);
  }

  /** {@code file:line: message}, or the message alone for a problem of no file. */
  private static String format(ZoneProblem p) {
    return p.file().isEmpty() ? p.message() : p.toString();
  }

  private void publish(Revision next, ZoneSetLoader.Load load, boolean upToDate) {
    ServedRevision revision = load.state();
    ServingState state =
        new ServingState(
            revision.zones(), geo.apply(revision.geo()), revision.policies(), revision.keys());
    for (SyncObserver o : observers) {
      o.publishing(state);
    }
    ServingState previous = holder.publish(state);
    for (SyncObserver o : observers) {
      o.published(previous, state);
    }
    serving = revision;
    // The revision served is read again only to sign its zones again; kept otherwise, a folder's
    // would hold the text of every file for nothing (28 MB for a million names).
    servedRevision = ZoneSigningStep.nextResign(revision) != null ? next : null;
    servedPolicies = policies;
    generation = revision.zones().generation();
    try {
      source.served(next);
    } catch (IOException e) {
      log.warn("{}", e.getMessage());
    }
    setStatus(
        upToDate
            ? status.succeeded(revision.commit(), clock.instant())
            : new SyncStatus(
                revision.commit(), status.lastSuccess(), status.lastError(), status.failures()));
  }

  /** The first load's problems, and a summary; {@link #logLoaded} gives each zone's line. */
  private void logFirst(Revision next, ZoneSetLoader.Load load, long start) {
    for (ZoneProblem p : load.problems()) {
      if (p.isError()) {
        log.error("not served: {}", format(p));
      } else {
        log.warn("{}", p);
      }
    }
    List<ZoneSnapshot> zones = load.state().zones().zones();
    long files =
        next.files().stream().filter(f -> ZoneDirectoryLoader.isZoneFile(f.name())).count();
    log.info(
        "{} of {} zones loaded from {} ({}) in {} ms",
        zones.size(),
        files,
        source.describe(),
        next.describe(),
        (System.nanoTime() - start) / 1_000_000);
    if (zones.isEmpty()) {
      log.warn("no zone is served: every query will be REFUSED");
    }
  }

  /** A line for each zone the first load served. */
  private static void logLoaded(List<ZoneSnapshot> zones) {
    for (ZoneSnapshot z : zones) {
      log.info(
          "zone {} loaded: serial {}, {} records from {}",
          z.origin(),
          z.serial(),
          z.recordCount(),
          z.file());
    }
  }

  private String served() {
    return serving.commit() != null
        ? "commit " + serving.commit()
        : serving.revisionId() != null ? "folder tree " + serving.revisionId() : "nothing";
  }

  private void setStatus(SyncStatus s) {
    status = s;
    for (SyncObserver o : observers) {
      o.status(s);
    }
  }

  /** Stops syncing; a sync under way is interrupted and what is served stays. */
  @Override
  public void close() {
    thread.shutdownNow();
    // A first load still running (a server that could not bind) is left to its daemon thread
    // rather than waited for: nothing of it was published, and the process is ending.
    if (firstLoad == null || firstLoad.isDone()) {
      try {
        thread.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (pending != null) {
        pending.completeExceptionally(new IllegalStateException("shutting down"));
      }
    }
    reclaimer.close();
    source.close();
  }
}
