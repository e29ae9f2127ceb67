package net.anycastdns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The threads of a background executor neither keep the process alive nor go unnamed. */
class DaemonThreadsTest {
  @Test
  void aNamedDaemonThread() {
    Thread t = DaemonThreads.named("reload").newThread(() -> {});
    assertTrue(t.isDaemon());
    assertEquals("reload", t.getName());
  }
}
