package net.anycastdns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ADDRESS:PORT: IP literals only, never a DNS lookup, printed in RFC 5952 form. */
class HostPortTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "192.0.2.53:53, 192.0.2.53:53",
    "[2001:DB8:0::53]:53, [2001:db8::53]:53",
    "[::1]:0, [::1]:0",
    "192.0.2.53, 192.0.2.53:53",
    "2001:db8::53, [2001:db8::53]:53",
    "[2001:db8::53], [2001:db8::53]:53",
  })
  void readWithDefaultPort53(String text, String printed) {
    assertEquals(printed, HostPort.format(HostPort.parse(text, 53)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      localhost:53     | 'localhost:53': 'localhost' is not an IP address (names are not resolved)
      999.1.1.1:53     | '999.1.1.1:53': '999.1.1.1' is not an IP address (names are not resolved)
      192.0.2.53       | '192.0.2.53': missing port (ADDRESS:PORT)
      2001:db8::53     | '2001:db8::53': missing port ([ADDRESS]:PORT)
      192.0.2.53:65536 | '192.0.2.53:65536': bad port '65536'
      192.0.2.53:x     | '192.0.2.53:x': bad port 'x'
      [::1]53          | '[::1]53' is not [ADDRESS]:PORT
      [::1             | '[::1': missing ']'
      """)
  void refusedWithoutAPortToFallBackOn(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text, -1));
    assertEquals(message, e.getMessage());
  }
}
