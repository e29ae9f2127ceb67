package net.anycastdns.sidecar.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Failures shorter than {@code fall}, and successes shorter than {@code rise}, change nothing. */
class BlipTest {

  @ParameterizedTest(name = "rise {0}, fall {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      2 | 3 | + + - + - - + - - +       | W A A A A A A A A A
      2 | 3 | + + - - + - - + - - +     | W A A A A A A A A A A
      2 | 2 | + + - + - + - + - +       | W A A A A A A A A A
      3 | 3 | + + + - - - + + - + + -   | W W A A A W W W W W W W
      3 | 3 | + + + - - - + - + + - + + | W W A A A W W W W W W W W
      """)
  void blipsShorterThanTheThresholdChangeNothing(int rise, int fall, String script, String trace) {
    assertEquals(trace, new MachineScript(rise, fall).run(script));
  }
}
