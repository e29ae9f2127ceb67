package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SOA serials compare in RFC 1982 arithmetic: they wrap at 2^32, and half the circle is undefined.
 */
class SerialsTest {
  @ParameterizedTest(name = "{0} > {1}: {2}")
  @CsvSource(
      textBlock =
          """
      # next,       previous,    greater
      2,            1,           true
      1,            1,           false
      1,            2,           false
      2024010102,   2024010101,  true
      # RFC 1982 section 3.2: past 2^32 - 1 the serial wraps to small numbers, still greater
      0,            4294967295,  true
      5,            4294967290,  true
      4294967290,   5,           false
      # just under half the circle ahead is greater; just over is behind
      2147483647,   0,           true
      2147483649,   0,           false
      # exactly half the circle: undefined, so not greater either way
      2147483648,   0,           false
      0,            2147483648,  false
      """)
  void greater(long next, long previous, boolean greater) {
    assertEquals(greater, Serials.isGreater(next, previous));
  }

  @Test
  void onlyThirtyTwoBitSerials() {
    assertThrows(IllegalArgumentException.class, () -> Serials.isGreater(1L << 32, 0));
    assertThrows(IllegalArgumentException.class, () -> Serials.isGreater(0, -1));
  }

  @Test
  void snapshotKnowsTheLineOfItsSoa() {
    ZoneSnapshot z =
        TestZones.compile(
            "example.org.",
            """
        $TTL 300

        @ SOA ns1 hostmaster 1 3600 900 1209600 300
        @ NS ns1
        ns1 A 192.0.2.1
        """);
    assertEquals(3, z.soaLine());
  }
}
