package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import net.anycastdns.common.IpLiterals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client as given to the resolver: from an ECS option (RFC 7871 section 6), from the resolver's
 * address, or {@link ClientSubnet#NONE}, which is answered as a client of unknown location with
 * scope 0.
 */
class ClientSubnetTest {
  @TempDir static Path dir;

  private static GeoConfig config;

  @BeforeAll
  static void load() {
    config =
        TestGeo.load(
            dir,
            TestGeo.POPS
                + """
        networks:
          - {cidr: 0.0.0.0/0, pop: sin1}
          - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}
        """
                + TestGeo.WWW);
  }

  /** Source prefix 0, of either family: unknown location, scope 0, whatever the networks say. */
  @ParameterizedTest(name = "family {0}, local pop {1} -> {2}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      1, -,    fra1, 'no client address (ECS source prefix 0): pops in file order'
      1, iad1, iad1, 'no client address (ECS source prefix 0): local pop iad1 first'
      2, sin1, sin1, 'no client address (ECS source prefix 0): local pop sin1 first'
      """)
  void noClientAddress(int family, String localPop, String pop, String location) {
    GeoResolver r = GeoResolver.create(config, localPop, HealthView.ALL_HEALTHY);
    ClientSubnet none = family == 1 ? ClientSubnet.NONE : new ClientSubnet(2, new byte[16], 0);
    GeoDecision d = r.decide(TestGeo.service(r, "www.example.com."), none, 1);
    assertEquals(List.of(pop), d.pops());
    assertEquals(0, d.scopePrefix());
    assertEquals(location, d.location());
  }

  /** ECS options as on the wire: the address is only as long as the prefix needs. */
  @ParameterizedTest(name = "family {0} /{1} {2} -> {3}")
  @CsvSource(
      textBlock =
          """
      1, 24, c63364,                           198.51.100.0/24
      1, 0,  '',                               0.0.0.0/0
      1, 32, c0000201,                         192.0.2.1/32
      1, 20, c0a810,                           192.168.16.0/20
      2, 56, 20010db800000a,                   2001:db8:0:a00::/56
      2, 0,  '',                               ::/0
      2, 128, 20010db8000000000000000000000001, 2001:db8::1/128
      """)
  void fromEcs(int family, int prefix, String hex, String subnet) {
    assertEquals(
        subnet, ClientSubnet.fromEcs(family, prefix, HexFormat.of().parseHex(hex)).toString());
  }

  @ParameterizedTest(name = "family {0} /{1} {2}: {3}")
  @CsvSource(
      textBlock =
          """
      1, 24, c633,       'ECS address has 2 octets; source prefix 24 needs 3'
      1, 24, c6336400,   'ECS address has 4 octets; source prefix 24 needs 3'
      1, 23, c63365,     'ECS address has bits set beyond the source prefix'
      1, 33, c0000201,   'ECS source prefix 33 exceeds 32'
      3, 8,  0a,         'ECS family 3 is neither IPv4 nor IPv6'
      0, 0,  '',         'ECS family 0 is neither IPv4 nor IPv6'
      """)
  void malformedEcsIsRefused(int family, int prefix, String hex, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClientSubnet.fromEcs(family, prefix, HexFormat.of().parseHex(hex)));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
      192.0.2.1,         192.0.2.1/32
      2001:db8::1,       2001:db8::1/128
      ::ffff:192.0.2.1,  192.0.2.1/32
      """)
  void ofTheResolversAddress(String address, String subnet) throws Exception {
    InetAddress a = InetAddress.getByAddress(IpLiterals.parse(address));
    assertEquals(subnet, ClientSubnet.of(a).toString());
    InetAddress v6 = IpLiterals.toInetAddress(IpLiterals.parse(address));
    assertEquals(subnet, ClientSubnet.of(v6).toString(), "as an Inet6Address too");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
      family 5,           5, 4,  0
      IPv4 with 16 octets, 1, 16, 0
      prefix 33,          1, 4,  33
      negative prefix,    2, 16, -1
      """)
  void invariantsAreChecked(String what, int family, int octets, int prefix) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ClientSubnet(family, new byte[octets], prefix),
        what);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
      198.51.100.0/24, 198.51.100.0/24, true
      198.51.100.0/24, 198.51.100.0/25, false
      198.51.100.0/24, 198.51.101.0/24, false
      """)
  void valueSemantics(String a, String b, boolean equal) {
    assertEquals(equal, TestGeo.client(a).equals(TestGeo.client(b)));
    assertTrue(TestGeo.client(a).hashCode() == TestGeo.client(a).hashCode());
  }
}
