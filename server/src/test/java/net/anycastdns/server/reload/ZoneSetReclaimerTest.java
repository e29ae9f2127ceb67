package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Where {@code System.gc()} would be a full pause (this test JVM runs without {@code
 * -XX:+ExplicitGCInvokesConcurrent}), a reload asks for no collection; ReplacedZoneSetReclaimedTest
 * shows the other side, in a process with the option.
 */
class ZoneSetReclaimerTest {
  @Test
  void withoutConcurrentExplicitCollectionsNoneIsAsked() {
    assertFalse(ZoneSetReclaimer.forThisJvm().collects());
  }
}
