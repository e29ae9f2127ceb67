package net.anycastdns.server.cookies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import net.anycastdns.common.IpLiterals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Server cookies against the examples of RFC 9018 appendix A, byte for byte: made for an IPv4 and
 * an IPv6 client, fresh and renewed, and checked as sent back (with the reserved octets a client
 * returned, and after the secret changed).
 */
class ServerCookiesTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "A.1 learning a new server cookie, e5e973e5a6b2a43f48e7dc849e37bfcf, 2464c4abcf10c957,"
        + " 198.51.100.100, 1559731985, 010000005cf79f111f8130c3eee29480",
    "A.2 the same client renewing it, e5e973e5a6b2a43f48e7dc849e37bfcf, 2464c4abcf10c957,"
        + " 198.51.100.100, 1559734385, 010000005cf7a871d4a564a1442aca77",
    "A.3 another client renewing it, e5e973e5a6b2a43f48e7dc849e37bfcf, fc93fc62807ddb86,"
        + " 203.0.113.203, 1559734700, 010000005cf7a9acf73a7810aca2381e",
    "A.4 an IPv6 client after the secret changed, 445536bcd2513298075a5d379663c962,"
        + " 22681ab97d52c298, 2001:db8:220:1:59de:d0f4:8769:82b8, 1559741961,"
        + " 010000005cf7c609a6bb79d16625507a",
  })
  void made(String what, String secret, String client, String ip, long time, String expected) {
    byte[] out = new byte[20];
    ServerCookies.make(
        secret(secret),
        HEX.parseHex(client),
        0,
        time,
        IpLiterals.parse(ip),
        out,
        2,
        new byte[ServerCookies.SCRATCH]);
    assertEquals(expected, HEX.formatHex(out, 2, 18), what);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "A.2 the cookie of A.1 sent back, e5e973e5a6b2a43f48e7dc849e37bfcf, 198.51.100.100,"
        + " 2464c4abcf10c957010000005cf79f111f8130c3eee29480, true",
    "A.3 reserved octets the client returned are hashed, e5e973e5a6b2a43f48e7dc849e37bfcf,"
        + " 203.0.113.203, fc93fc62807ddb8601abcdef5cf78f71a314227b6679ebf5, true",
    "A.3 from another address, e5e973e5a6b2a43f48e7dc849e37bfcf, 203.0.113.204,"
        + " fc93fc62807ddb8601abcdef5cf78f71a314227b6679ebf5, false",
    "A.3 with another client cookie, e5e973e5a6b2a43f48e7dc849e37bfcf, 203.0.113.203,"
        + " fc93fc62807ddb8701abcdef5cf78f71a314227b6679ebf5, false",
    "A.4 made with the old secret, dd3bdf9344b678b185a6f5cb60fca715,"
        + " 2001:db8:220:1:59de:d0f4:8769:82b8,"
        + " 22681ab97d52c298010000005cf7c57926556bd0934c72f8, true",
    "A.4 not made with the new one, 445536bcd2513298075a5d379663c962,"
        + " 2001:db8:220:1:59de:d0f4:8769:82b8,"
        + " 22681ab97d52c298010000005cf7c57926556bd0934c72f8, false",
    "a version other than 1, e5e973e5a6b2a43f48e7dc849e37bfcf, 198.51.100.100,"
        + " 2464c4abcf10c957020000005cf79f111f8130c3eee29480, false",
  })
  void checked(String what, String secret, String ip, String option, boolean expected) {
    byte[] cookie = HEX.parseHex(option);
    assertEquals(
        expected,
        ServerCookies.matches(
            secret(secret),
            cookie,
            0,
            cookie,
            ServerCookies.CLIENT_LENGTH,
            IpLiterals.parse(ip),
            new byte[ServerCookies.SCRATCH]),
        what);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "stamped now, 1559731985, 1559731985, 0",
    "an hour old, 1559728385, 1559731985, 3600",
    "five minutes ahead, 1559732285, 1559731985, -300",
    "stamped an hour before the 2106 wrap, 4294964696, 4294968296, 3600",
    "stamped after the wrap, 500, 4294968296, 500",
  })
  void ageInSerialArithmetic(String what, long timestamp, long now, int age) {
    assertEquals(age, ServerCookies.age(timestamp, now), what);
  }

  private static CookieSecrets.Secret secret(String hex) {
    return CookieSecrets.Secret.of(HEX.parseHex(hex));
  }
}
