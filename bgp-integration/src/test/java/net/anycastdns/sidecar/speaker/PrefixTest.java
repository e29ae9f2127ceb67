package net.anycastdns.sidecar.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prefixes parse from literals only and print canonically (RFC 5952 for IPv6). */
class PrefixTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "192.0.2.53/32, 192.0.2.53/32, IPV4",
    "192.0.2.0/24, 192.0.2.0/24, IPV4",
    "0.0.0.0/0, 0.0.0.0/0, IPV4",
    "2001:db8:53::53/128, 2001:db8:53::53/128, IPV6",
    "2001:0DB8:0053:0000:0000:0000:0000:0053/128, 2001:db8:53::53/128, IPV6",
    "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128, IPV6",
    "2001:db8:0:1:1:1:1:1/128, 2001:db8:0:1:1:1:1:1/128, IPV6",
    "2001:db8::/32, 2001:db8::/32, IPV6",
    "::/128, ::/128, IPV6",
    "::1/128, ::1/128, IPV6",
    " 192.0.2.53/32 , 192.0.2.53/32, IPV4",
  })
  void canonicalText(String in, String out, Prefix.Family family) {
    Prefix p = Prefix.parse(in);
    assertEquals(out, p.toString());
    assertEquals(family, p.family());
    assertEquals(p, Prefix.parse(out));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      192.0.2.53          | '192.0.2.53' is not a prefix (ADDRESS/LENGTH)
      dns.example/32      | 'dns.example/32': 'dns.example' is not an IP address
      192.0.2.53/x        | '192.0.2.53/x': bad prefix length 'x'
      192.0.2.53/33       | '192.0.2.53/33': prefix length must be 0 to 32
      2001:db8::/129      | '2001:db8::/129': prefix length must be 0 to 128
      192.0.2.1/24        | '192.0.2.1/24' has host bits set; the network is 192.0.2.0/24
      2001:db8::1/64      | '2001:db8::1/64' has host bits set; the network is 2001:db8::/64
      """)
  void mistakes(String in, String message) {
    assertEquals(
        message, assertThrows(IllegalArgumentException.class, () -> Prefix.parse(in)).getMessage());
  }
}
