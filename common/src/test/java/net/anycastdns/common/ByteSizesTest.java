package net.anycastdns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes as operators write them, and the one form they are printed back in. */
class ByteSizesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "512KiB, 524288, 512KiB",
    "1024KiB, 1048576, 1MiB",
    "64MiB, 67108864, 64MiB",
    "1536KiB, 1572864, 1536KiB",
    "1GiB, 1073741824, 1GiB",
    "0KiB, 0, 0KiB",
    "' 8MiB ', 8388608, 8MiB",
    "999999GiB, 1073740750258176, 999999GiB",
  })
  void readAndWritten(String text, long octets, String printed) {
    assertEquals(octets, ByteSizes.parse(text));
    assertEquals(printed, ByteSizes.format(octets));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"64", "64MB", "64 MiB", "64mib", "-1MiB", "1.5MiB", "1TiB", "9999999KiB", ""})
  void refusedNamingTheForms(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(text));
    assertEquals("bad size '" + text + "' (use 512KiB, 64MiB or 1GiB)", e.getMessage());
  }
}
