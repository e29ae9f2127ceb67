package net.anycastdns.server.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP asks for a reload, as it asks most Unix daemons to reread their configuration. Java SE has
 * no API for signals; {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the one the JDK
 * keeps exported for this use (JEP 260). Without a handler, SIGHUP would end the JVM.
 *
 * <p>A process started with SIGHUP ignored ({@code nohup}, some supervisors) cannot handle it: the
 * JVM leaves an inherited "ignore" in place and installs nothing (the old handler comes back as
 * {@link SignalHandler#SIG_IGN}). That is said at startup, since a SIGHUP would do nothing.
 */
public final class HangupSignal {
  private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

  private HangupSignal() {}

  /**
   * Runs {@code reload} on every SIGHUP.
   *
   * @return true when the handler is in place; false (and a warning logged) when SIGHUP cannot be
   *     handled in this process
   */
  public static boolean onHangup(Runnable reload) {
    try {
      SignalHandler before = Signal.handle(new Signal("HUP"), s -> reload.run());
      if (before == SignalHandler.SIG_IGN) {
        log.warn(
            "SIGHUP is ignored by this process (started under nohup, or by a parent that ignores"
                + " it), so it cannot reload; use POST /sync, or start without nohup");
        return false;
      }
      return true;
    } catch (IllegalArgumentException e) {
      // No SIGHUP on this system, or the JVM runs with -Xrs and leaves signals alone.
      log.warn("SIGHUP cannot be handled here ({}); use POST /sync to reload", e.getMessage());
      return false;
    }
  }
}
