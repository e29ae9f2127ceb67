package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The open-addressing name table: every name found, absent names not, suffixes by offset. */
class NameTableTest {
  private static final int HOSTS = 10_000;
  private static final int ZONES = 50;

  /** host{i}.zone{i % 50}.example. -> i, and zone{j}.example. -> -1 - j. */
  private static final NameTable<Integer> TABLE = build();

  private static NameTable<Integer> build() {
    NameTable.Builder<Integer> b = new NameTable.Builder<>();
    for (int i = 0; i < HOSTS; i++) {
      b.put(WireName.of(host(i)), i);
    }
    for (int j = 0; j < ZONES; j++) {
      b.put(WireName.of("zone" + j + ".example."), -1 - j);
    }
    return b.build();
  }

  private static String host(int i) {
    return "host" + i + ".zone" + (i % ZONES) + ".example.";
  }

  @Test
  void everyNameIsFound() {
    assertEquals(HOSTS + ZONES, TABLE.size());
    for (int i = 0; i < HOSTS; i++) {
      assertEquals(i, TABLE.get(WireName.of(host(i)), 0), host(i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "host10000.zone0.example.", // one past the last
    "host1.zone2.example.", // both labels exist, not together
    "host1.zone1.example.org.",
    "zone1.example.org.",
    "example.",
    ".",
    "ost1.zone1.example.",
  })
  void absentNamesAreNotFound(String name) {
    assertNull(TABLE.get(WireName.of(name), 0));
  }

  /** {@code get(name, off)} looks up the suffix starting at {@code off}, a label boundary. */
  @ParameterizedTest(name = "{0} from label {1} -> {2}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      host7.zone7.example.,       0, 7
      host7.zone7.example.,       1, -8
      a.b.host42.zone42.example., 2, 42
      a.b.host42.zone42.example., 3, -43
      a.b.host42.zone42.example., 1, -
      a.b.host42.zone42.example., 4, -
      """)
  void suffixByOffset(String name, int labels, Integer expected) {
    byte[] wire = WireName.of(name);
    int off = 0;
    for (int i = 0; i < labels; i++) {
      off = WireName.nextLabel(wire, off);
    }
    assertEquals(expected, TABLE.get(wire, off));
  }

  @Test
  void laterPutReplacesTheValue() {
    NameTable<String> t =
        new NameTable.Builder<String>()
            .put(WireName.of("a.example."), "first")
            .put(WireName.of("b.example."), "b")
            .put(WireName.of("a.example."), "second")
            .build();
    assertAll(
        () -> assertEquals(2, t.size()),
        () -> assertEquals("second", t.get(WireName.of("a.example."), 0)),
        () -> assertEquals("b", t.get(WireName.of("b.example."), 0)),
        () -> assertNull(new NameTable.Builder<String>().build().get(WireName.of("a."), 0)));
  }
}
