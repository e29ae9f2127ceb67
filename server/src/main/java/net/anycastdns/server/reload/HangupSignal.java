package net.anycastdns.server.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP asks for a sync, as it asks most Unix daemons to reread their configuration. Java SE has
 * no API for signals; {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the one the JDK
 * keeps exported for this use (JEP 260). Without a handler, SIGHUP would end the JVM.
 */
public final class HangupSignal {
  private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

  private HangupSignal() {}

  /** Calls {@code sync} on every SIGHUP; logs and goes on where signals cannot be handled. */
  public static void onHangup(SyncRequests sync) {
    try {
      Signal.handle(new Signal("HUP"), s -> sync.sync("SIGHUP"));
    } catch (IllegalArgumentException e) {
      // No SIGHUP on this system, or the JVM runs with -Xrs and leaves signals alone.
      log.warn("SIGHUP cannot be handled here ({}); use POST /sync to reload", e.getMessage());
    }
  }
}
