package net.anycastdns.geo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the TCP connect checks of every service with {@code check:}. One thread drives all of them
 * with non-blocking connects on one selector, so a hundred addresses timing out cost no more
 * threads than one; the bookkeeping (what is due, what timed out, rise and fall) is {@link
 * HealthTracker}'s, and this class only does the I/O.
 *
 * <p>A connect that completes is a success and is closed at once; refused, unreachable or not
 * completed within the timeout is a failure. Changes are logged.
 */
public final class HealthChecker implements HealthView, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

  private final HealthTracker tracker;
  private final Selector selector;
  private final Thread thread;
  private final Map<CheckTarget, SocketChannel> attempts = new HashMap<>();
  private volatile boolean closed;

  private HealthChecker(HealthTracker tracker, Selector selector) {
    this.tracker = tracker;
    this.selector = selector;
    this.thread = selector == null ? null : new Thread(this::run, "geo-health-checks");
  }

  /**
   * Starts checking the addresses of {@code config}'s services that have a check; until a check has
   * results, its addresses count as healthy. Without any check no thread is started.
   *
   * @throws UncheckedIOException when no selector can be opened
   */
  public static HealthChecker start(GeoConfig config) {
    return start(config, Map.of());
  }

  /**
   * For a reloaded geo.yaml: stops {@code previous} and starts checking {@code config}, where every
   * check the two have in common (same PoP, address and check settings) keeps its state, so that an
   * address already down is not answered again until it rises.
   */
  public static HealthChecker start(GeoConfig config, HealthChecker previous) {
    previous.close();
    return start(config, previous.tracker.states());
  }

  private static HealthChecker start(GeoConfig config, Map<CheckTarget, RiseFall> carried) {
    HealthTracker tracker = new HealthTracker(config.checkTargets(), System.nanoTime(), carried);
    if (config.checkTargets().isEmpty()) {
      return new HealthChecker(tracker, null);
    }
    HealthChecker checker;
    try {
      checker = new HealthChecker(tracker, Selector.open());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for health checks", e);
    }
    checker.thread.setDaemon(true);
    checker.thread.start();
    return checker;
  }

  @Override
  public boolean healthy(String pop, InetAddress address) {
    return tracker.healthy(pop, address);
  }

  @Override
  public long generation() {
    return tracker.generation();
  }

  /** Stops the checks and waits for the thread to end; results so far stay readable. */
  @Override
  public void close() {
    closed = true;
    if (thread == null) {
      return;
    }
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try (selector) {
      while (!closed) {
        long now = System.nanoTime();
        for (CheckTarget t : tracker.expired(now)) {
          closeQuietly(attempts.remove(t));
          record(t, false);
        }
        for (CheckTarget t : tracker.startDue(now)) {
          connect(t);
        }
        long waitNanos = tracker.nextEvent(now) - System.nanoTime();
        // select(0) would wait forever; round up so the loop does not spin just before a deadline.
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1));
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          completed((CheckTarget) key.attachment(), (SocketChannel) key.channel());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Logged here, not left to the default handler: an operator must see in the server's log
      // that health checking has stopped.
      LOG.error("geo health checks stopped; addresses keep their last state", e);
    } finally {
      attempts.values().forEach(HealthChecker::closeQuietly);
      attempts.clear();
    }
  }

  private void connect(CheckTarget t) {
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open();
      ch.configureBlocking(false);
      if (ch.connect(new InetSocketAddress(t.address(), t.check().port()))) {
        closeQuietly(ch);
        record(t, true);
      } else {
        ch.register(selector, SelectionKey.OP_CONNECT, t);
        attempts.put(t, ch);
      }
    } catch (IOException e) {
      closeQuietly(ch);
      record(t, false);
    }
  }

  private void completed(CheckTarget t, SocketChannel ch) {
    boolean ok;
    try {
      if (!ch.finishConnect()) {
        return; // not done yet after all; its deadline still applies
      }
      ok = true;
    } catch (IOException e) {
      ok = false;
    }
    attempts.remove(t);
    closeQuietly(ch);
    record(t, ok);
  }

  private void record(CheckTarget t, boolean reachable) {
    if (!tracker.finish(t, reachable)) {
      return;
    }
    if (tracker.up(t)) {
      LOG.info("geo health: {} is up again after {} good checks", t, t.check().rise());
    } else {
      LOG.warn("geo health: {} is down after {} failed checks", t, t.check().fall());
    }
  }

  private static void closeQuietly(SocketChannel ch) {
    if (ch == null) {
      return;
    }
    try {
      ch.close();
    } catch (IOException e) {
      // Closing a socket that failed to connect: nothing left to release or report.
    }
  }
}
