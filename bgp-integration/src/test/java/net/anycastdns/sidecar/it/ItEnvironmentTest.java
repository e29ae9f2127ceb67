package net.anycastdns.sidecar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integration tests may skip only when not root or a daemon is missing, and say which; how they
 * skip, and fail in CI instead, is {@code MissingTest}'s.
 */
class ItEnvironmentTest {
  @Test
  void reasons() {
    assertNull(ItEnvironment.whyNot(true, List.of()));
    assertEquals(
        "not root (network namespaces need it)", ItEnvironment.whyNot(false, List.of("bird")));
    assertTrue(
        ItEnvironment.whyNot(true, List.of("exabgp", "gobgpd"))
            .startsWith("missing exabgp, gobgpd (apt-get install"));
  }
}
