package net.anycastdns.server;

import static net.anycastdns.server.Queries.edns;
import static net.anycastdns.server.Queries.query;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * EDNS Client Subnet (RFC 7871): every response to a query with ECS carries ECS back with the
 * query's family, source prefix and address, and scope 0 where the answer does not depend on the
 * client (section 7.2.1); a malformed option is FORMERR (sections 6 and 7.2.1).
 */
class EcsTest {
  private static final TestServer SERVER =
      TestServer.of(
          """
      $TTL 3600
      @     IN SOA   ns1 hostmaster 2024010101 7200 3600 1209600 300
      @     IN NS    ns1
      ns1   IN A     192.0.2.53
      www   IN A     192.0.2.1
      sub   IN NS    ns.sub
      ns.sub IN A    192.0.2.54
      """);

  @ParameterizedTest(name = "{0} {1} {2} from {3}/{4}")
  @CsvSource({
    // name,                  type, class, address,        source, rcode
    "www.example.org.,        A,    IN,    198.51.100.0,   24,     NOERROR",
    "www.example.org.,        AAAA, IN,    198.51.100.0,   24,     NOERROR",
    "nope.example.org.,       A,    IN,    198.51.100.0,   24,     NXDOMAIN",
    "host.sub.example.org.,   A,    IN,    198.51.100.128, 25,     NOERROR",
    "www.example.com.,        A,    IN,    198.51.100.0,   24,     REFUSED",
    "id.server.,              TXT,  CH,    198.51.100.0,   24,     NOERROR",
    "www.example.org.,        A,    IN,    2001:db8:1200::, 40,    NOERROR",
    "www.example.org.,        A,    IN,    2001:db8::1,    128,    NOERROR",
    "www.example.org.,        A,    IN,    0.0.0.0,        0,      NOERROR",
    "www.example.org.,        A,    IN,    ::,             0,      NOERROR",
  })
  void everyResponseEchoesTheOptionWithScopeZero(
      String name, String type, String dclass, String address, int source, String rcode)
      throws Exception {
    ClientSubnetOption sent = new ClientSubnetOption(source, InetAddress.getByName(address));
    Message q = edns(query(name, Type.value(type), DClass.value(dclass)), 1232, false, sent);
    Message r = SERVER.udp(q).message();
    assertEquals(Rcode.value(rcode), r.getRcode());
    List<EDNSOption> echoed = r.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET);
    assertEquals(1, echoed.size());
    ClientSubnetOption got = (ClientSubnetOption) echoed.get(0);
    assertEquals(sent.getFamily(), got.getFamily());
    assertEquals(source, got.getSourcePrefixLength());
    assertEquals(0, got.getScopePrefixLength());
    assertArrayEquals(sent.getAddress().getAddress(), got.getAddress().getAddress());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // why,                                  option data (hex): family, source, scope, address
    "unknown family 3,                       0003180000c63364",
    "IPv4 source prefix 33,                  00012100c6336400ff",
    "IPv6 source prefix 129,                 00028100" + "20010db8000000000000000000000001ff",
    "too many address octets for /24,        00011800c6336400",
    "too few address octets for /24,         00011800c633",
    "address bits beyond /23,                00011700c63365",
    "address octets with source prefix 0,    00010000c6",
    "shorter than family and prefixes,       000118",
  })
  void malformedOptionIsFormErrWithoutOpt(String why, String hex) {
    byte[] data = HexFormat.of().parseHex(hex);
    Message q =
        edns(
            query("www.example.org.", Type.A),
            1232,
            false,
            new GenericEDNSOption(EDNSOption.Code.CLIENT_SUBNET, data));
    TestServer.Response resp = SERVER.udp(q);
    assertEquals(Rcode.FORMERR, resp.message().getRcode(), why);
    assertNull(resp.message().getOPT(), "no OPT after FORMERR");
  }

  @Test
  void secondOptionIsFormErr() throws Exception {
    ClientSubnetOption a = new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0"));
    Message q = edns(query("www.example.org.", Type.A), 1232, false, a, a);
    assertEquals(Rcode.FORMERR, SERVER.udp(q).message().getRcode());
  }

  @ParameterizedTest(name = "ECS {0}")
  @CsvSource({"false", "true"})
  void noOptionNoEcho(boolean edns) {
    Message q = query("www.example.org.", Type.A);
    if (edns) {
      edns(q, 1232, false);
    }
    OPTRecord opt = SERVER.udp(q).message().getOPT();
    if (edns) {
      assertNotNull(opt);
      assertEquals(0, opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).size());
    } else {
      assertNull(opt);
    }
  }
}
