package net.anycastdns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals: what is accepted, in which canonical form, and what is refused. */
class IpLiteralsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
      192.0.2.10,                    192.0.2.10
      0.0.0.0,                       0.0.0.0
      255.255.255.255,               255.255.255.255
      2001:db8:f::10,                2001:db8:f::10
      2001:DB8:0:0:0:0:0:1,          2001:db8::1
      ::,                            ::
      ::1,                           ::1
      1::,                           1::
      2001:db8:0:1:1:1:1:1,          2001:db8:0:1:1:1:1:1
      2001:0:0:1:0:0:0:1,            2001:0:0:1::1
      ::ffff:192.0.2.1,              ::ffff:c000:201
      64:ff9b::198.51.100.7,         64:ff9b::c633:6407
      """)
  void acceptedInCanonicalForm(String text, String canonical) {
    assertEquals(canonical, IpLiterals.format(IpLiterals.parse(text)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "",
        "192.0.2",
        "192.0.2.1.1",
        "192.0.2.256",
        "192.0.2.01",
        "192.0.2.-1",
        "192.0.2.1 ",
        "www.example.com",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::",
        "2001:db8::g",
        "fe80::1%eth0",
        ":1",
        "1:",
        "::1.2.3",
        "1.2.3.4::",
        "２001:db8::1"
      })
  void refused(String text) {
    assertNull(IpLiterals.parse(text));
  }
}
