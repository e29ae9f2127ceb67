package net.anycastdns.common.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A test whose program is missing skips and says why, and never skips in CI. */
class MissingTest {
  private static final String MESSAGE =
      "ExampleIT SKIPPED: missing frobd (MissingTest checking the skip path)";

  @Test
  void outsideCiTheTestIsSkippedWithTheReason() {
    TestAbortedException e =
        assertThrows(TestAbortedException.class, () -> Missing.skipOrFail(MESSAGE, false));
    assertTrue(e.getMessage().contains(MESSAGE), e.getMessage());
  }

  @Test
  void inCiTheTestFails() {
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> Missing.skipOrFail(MESSAGE, true));
    assertTrue(e.getMessage().contains("CI must run it"), e.getMessage());
  }
}
