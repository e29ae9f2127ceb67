package net.anycastdns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as operators write them, and the one form they are printed back in. */
class DurationsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "500ms, 500, 500ms",
    "10s, 10000, 10s",
    "90s, 90000, 90s",
    "2m, 120000, 2m",
    "1h, 3600000, 1h",
    "0s, 0, 0s",
    "' 5s ', 5000, 5s",
    "999999999h, 3599999996400000, 999999999h",
  })
  void readAndWritten(String text, long millis, String printed) {
    Duration d = Durations.parse(text);
    assertEquals(millis, d.toMillis());
    assertEquals(printed, Durations.format(d));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"soon", "10", "1 s", "-1s", "1.5s", "10S", "1d", "9999999999s", ""})
  void refusedNamingTheForms(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertEquals("bad duration '" + text + "' (use 500ms, 10s, 2m or 1h)", e.getMessage());
  }
}
