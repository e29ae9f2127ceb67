package net.anycastdns.common;

import java.util.concurrent.ThreadFactory;

/**
 * Threads for background work (reloads, reports, timers) that must not keep a stopping process
 * alive: what is left of that work when the process ends is of no use to anyone.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads, each named {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
