package net.anycastdns.sidecar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The integration tests may skip only when not root or a daemon is missing, say so, and never skip
 * in CI.
 */
class ItEnvironmentTest {
  private static final String MESSAGE =
      "ExampleIT SKIPPED: missing frobd (ItEnvironmentTest checking the skip path)";

  @Test
  void reasons() {
    assertNull(ItEnvironment.whyNot(true, List.of()));
    assertEquals(
        "not root (network namespaces need it)", ItEnvironment.whyNot(false, List.of("bird")));
    assertTrue(
        ItEnvironment.whyNot(true, List.of("exabgp", "gobgpd"))
            .startsWith("missing exabgp, gobgpd (apt-get install"));
  }

  @Test
  void outsideCiTheTestIsSkippedWithTheReason() {
    TestAbortedException e =
        assertThrows(TestAbortedException.class, () -> ItEnvironment.skipOrFail(MESSAGE, false));
    assertTrue(e.getMessage().contains(MESSAGE), e.getMessage());
  }

  @Test
  void inCiTheTestFails() {
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> ItEnvironment.skipOrFail(MESSAGE, true));
    assertTrue(e.getMessage().contains("CI must run the integration tests"), e.getMessage());
  }
}
