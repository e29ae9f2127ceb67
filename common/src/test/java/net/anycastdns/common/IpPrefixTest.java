package net.anycastdns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Networks: read strictly, printed canonically, and asked whether they hold an address. */
class IpPrefixTest {
  @ParameterizedTest(name = "{0} holds {1}: {2}")
  @CsvSource({
    "192.0.2.0/24, 192.0.2.77, true",
    "192.0.2.0/24, 192.0.3.1, false",
    "192.0.2.128/25, 192.0.2.127, false",
    "192.0.2.128/25, 192.0.2.255, true",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, ::1, false",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/33, 2001:db8:8000::1, false",
    "2001:db8::/56, 2001:db8:0:ff::1, true",
    "192.0.2.7, 192.0.2.7, true",
    "192.0.2.7, 192.0.2.8, false",
  })
  void contains(String network, String address, boolean held) {
    assertEquals(held, IpPrefix.parseOrHost(network).contains(IpLiterals.parse(address)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "192.0.2.0/24, 192.0.2.0/24",
    "2001:DB8::/32, 2001:db8::/32",
    "192.0.2.7, 192.0.2.7/32",
    "::1, ::1/128",
  })
  void printed(String text, String printed) {
    assertEquals(printed, IpPrefix.parseOrHost(text).toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      192.0.2.7/24     | '192.0.2.7/24' has host bits set; the network is 192.0.2.0/24
      192.0.2.0/33     | '192.0.2.0/33': prefix length must be 0 to 32
      10.0.0.0/08      | '10.0.0.0/08': bad prefix length '08'
      example.net/8    | 'example.net/8': 'example.net' is not an IP address
      """)
  void refused(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseOrHost(text));
    assertEquals(message, e.getMessage());
  }
}
