package net.anycastdns.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import net.anycastdns.common.IpLiterals;
import net.anycastdns.common.IpPrefix;
import net.anycastdns.server.tsig.TsigKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

/**
 * Who may transfer a zone: each row is a client address, the key its request was signed with
 * ({@code -} for none), and whether the rules allow it. The rules: 192.0.2.0/24 with key a.,
 * 198.51.100.7 with no key, 2001:db8::/32 with key b.
 */
class TransferPolicyTest {
  private static final TsigKey A =
      TsigKey.of(Name.fromConstantString("a."), "hmac-sha256", new byte[] {1});
  private static final TsigKey B =
      TsigKey.of(Name.fromConstantString("b."), "hmac-sha512", new byte[] {2});
  private static final TransferPolicy POLICY =
      new TransferPolicy(
          List.of(
              new TransferRule(IpPrefix.parse("192.0.2.0/24"), A),
              new TransferRule(IpPrefix.parseOrHost("198.51.100.7"), null),
              new TransferRule(IpPrefix.parse("2001:db8::/32"), B)),
          List.of(
              new InetSocketAddress("192.0.2.10", 53),
              new InetSocketAddress("198.51.100.7", 53),
              new InetSocketAddress("203.0.113.1", 53)));

  @ParameterizedTest(name = "{0} key {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      192.0.2.10     | a. | true
      192.0.2.10     | -  | false
      192.0.2.10     | b. | false
      192.0.3.10     | a. | false
      198.51.100.7   | -  | true
      198.51.100.7   | a. | true
      198.51.100.8   | -  | false
      2001:db8::53   | b. | true
      2001:db8::53   | a. | false
      2001:db9::53   | b. | false
      """)
  void allows(String address, String key, boolean allowed) {
    TsigKey k = key.equals("-") ? null : key.equals("a.") ? A : B;
    assertEquals(allowed, POLICY.allows(IpLiterals.parse(address), k));
  }

  @ParameterizedTest(name = "NOTIFY to {0} signed with {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      192.0.2.10   | a.
      198.51.100.7 | -
      203.0.113.1  | -
      """)
  void notifyIsSignedWithTheKeyTheSecondaryTransfersWith(String address, String key) {
    TsigKey k = POLICY.notifyKey(new InetSocketAddress(address, 53));
    assertEquals(key, k == null ? "-" : k.name().toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a., hmac-sha256, AQ==, true",
    "a., hmac-sha256, Ag==, false",
    "a., hmac-sha1, AQ==, false"
  })
  void keysAreEqualByNameAlgorithmAndSecret(
      String name, String algorithm, String secret, boolean equal) {
    TsigKey k =
        TsigKey.of(
            Name.fromConstantString(name), algorithm, java.util.Base64.getDecoder().decode(secret));
    assertEquals(equal, k.equals(A));
    assertEquals("a. (" + algorithm + ")", k.toString(), "never the secret");
  }
}
