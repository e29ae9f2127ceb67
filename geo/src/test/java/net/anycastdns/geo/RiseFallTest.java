package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rise/fall state machine: {@code fall} failures in a row take an address down, {@code rise}
 * successes in a row bring it back, and anything less is forgotten at the first result the other
 * way. Results are written {@code +} (connected) and {@code -} (failed).
 */
class RiseFallTest {
  @ParameterizedTest(name = "rise {0} fall {1}: \"{2}\" -> {3}")
  @CsvSource(
      textBlock =
          """
      2, 3, '',         up
      2, 3, -,          up
      2, 3, --,         up
      2, 3, ---,        down
      2, 3, ----------, down
      2, 3, --+--,      up
      2, 3, --+---,     down
      2, 3, ---+,       down
      2, 3, ---++,      up
      2, 3, ---+-+,     down
      2, 3, ---+-++,    up
      2, 3, ---++--,    up
      1, 1, -,          down
      1, 1, -+,         up
      1, 1, -+-,        down
      3, 1, -++,        down
      3, 1, -+++,       up
      5, 2, +++++,      up
      """)
  void sequences(int rise, int fall, String results, String expected) {
    RiseFall s = RiseFall.INITIAL;
    for (char c : results.toCharArray()) {
      s = s.next(c == '+', rise, fall);
    }
    assertEquals(expected.equals("up"), s.up());
  }

  /** The streak counts results against the current state only. */
  @ParameterizedTest(name = "\"{0}\" -> streak {1}")
  @CsvSource(
      textBlock =
          """
      '',    0
      -,     1
      --,    2
      --+,   0
      ---,   0
      ---+,  1
      ---+-, 0
      """)
  void streak(String results, int streak) {
    RiseFall s = RiseFall.INITIAL;
    for (char c : results.toCharArray()) {
      s = s.next(c == '+', 2, 3);
    }
    assertEquals(streak, s.streak());
  }
}
