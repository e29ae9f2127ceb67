package net.anycastdns.server;

import static net.anycastdns.server.Queries.edns;
import static net.anycastdns.server.Queries.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.DnsClient;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * GeoDNS through the real server on loopback, asked as {@code dig +subnet=...} asks: answers for
 * the client's subnet with the scope they hold for, the resolver's own address without ECS, and
 * health checks against real listeners deciding which PoP answers.
 */
@Timeout(60)
class GeoEndToEndTest {
  private static final String ZONE =
      """
      $TTL 3600
      @     IN SOA   ns1 hostmaster 2024010101 7200 3600 1209600 300
      @     IN NS    ns1
      ns1   IN A     192.0.2.53
      geo   IN TXT   "zone data beside the geo answers"
      """;
  private static final String GEO =
      """
      pops:
        fra1: {lat: 50.11, lon: 8.68}
        iad1: {lat: 38.95, lon: -77.45}
        sin1: {lat: 1.35, lon: 103.82}
      networks:
        - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}
        - {cidr: 203.0.113.0/25, pop: sin1}
        - {cidr: "2001:db8:100::/48", lat: 40.71, lon: -74.01}
      services:
        geo.example.com.:
          ttl: 30
          addresses:
            fra1: [192.0.2.10, "2001:db8:f::10"]
            iad1: [192.0.2.20]
            sin1: [192.0.2.30, "2001:db8:5::30"]
      """;

  @TempDir Path dir;
  private RunningServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Serves the zone and geo.yaml of {@code dir} as this PoP, as {@code serve --pop} does. */
  private InetSocketAddress serve(String zone, String geo, String pop) throws Exception {
    Files.writeString(dir.resolve("example.com.zone"), zone);
    Files.writeString(dir.resolve("geo.yaml"), geo);
    server = RunningServer.folder(dir, "pop: " + pop);
    return server.dnsAddress();
  }

  @ParameterizedTest(name = "{0} {1} over {2}")
  @CsvSource({
    // subnet,              type, transport, answer,          scope
    "198.51.100.0/24,       A,    udp,       192.0.2.10,      24",
    "198.51.100.0/24,       AAAA, udp,       2001:db8:f::10,  24",
    "203.0.113.0/24,        A,    udp,       192.0.2.30,      25",
    "203.0.113.128/25,      A,    tcp,       192.0.2.20,      25",
    "2001:db8:100::/56,     AAAA, udp,       2001:db8:f::10,  48",
    "2001:db8:100::/56,     A,    tcp,       192.0.2.20,      48",
    "0.0.0.0/0,             A,    udp,       192.0.2.20,      0",
  })
  void answersTheClientSubnetWithItsScope(
      String subnet, String type, String transport, String answer, int scope) throws Exception {
    InetSocketAddress address = serve(ZONE, GEO, "iad1");
    String[] parts = subnet.split("/");
    ClientSubnetOption ecs =
        new ClientSubnetOption(Integer.parseInt(parts[1]), InetAddress.getByName(parts[0]));
    Message q = edns(query("geo.example.com.", Type.value(type)), 1232, false, ecs);
    Message r = transport.equals("udp") ? DnsClient.udp(address, q) : DnsClient.tcp(address, q);
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertEquals(ips(answer), addresses(r));
    assertEquals(30, r.getSection(Section.ANSWER).get(0).getTTL());
    ClientSubnetOption echoed =
        (ClientSubnetOption) r.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
    assertEquals(Integer.parseInt(parts[1]), echoed.getSourcePrefixLength());
    assertEquals(scope, echoed.getScopePrefixLength());
  }

  @Test
  void withoutEcsTheResolverIsTheClientAndNoScopeIsSent() throws Exception {
    // 127.0.0.1 is in no network: an unknown client gets this PoP first.
    InetSocketAddress address = serve(ZONE, GEO, "sin1");
    Message r = DnsClient.udp(address, edns(query("geo.example.com.", Type.A), 1232, false));
    assertEquals(ips("192.0.2.30"), addresses(r));
    assertEquals(0, r.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).size());
    Message plain = DnsClient.udp(address, query("geo.example.com.", Type.A));
    assertEquals(ips("192.0.2.30"), addresses(plain));
    assertNull(plain.getOPT());
  }

  @Test
  void otherTypesAtAServiceNameComeFromTheZoneWithScopeZero() throws Exception {
    InetSocketAddress address = serve(ZONE, GEO, "iad1");
    ClientSubnetOption ecs = new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0"));
    Message r = DnsClient.udp(address, edns(query("geo.example.com.", Type.TXT), 1232, false, ecs));
    assertEquals(Type.TXT, r.getSection(Section.ANSWER).get(0).getType());
    assertEquals(
        0,
        ((ClientSubnetOption) r.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0))
            .getScopePrefixLength());
  }

  /**
   * Issue 14: a service name exists even where the zone file has no record of it. Other types get
   * NODATA with the SOA (never NXDOMAIN, which RFC 8020 lets a resolver apply to the A record too),
   * wildcards do not apply to it, and names below it are answered as the zone says.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "geo.example.com.,     TXT,  NOERROR,  0",
    "geo.example.com.,     MX,   NOERROR,  0",
    "geo.example.com.,     ANY,  NOERROR,  0",
    "geo.example.com.,     A,    NOERROR,  1",
    "sub.geo.example.com., A,    NXDOMAIN, 0",
    "sub.geo.example.com., TXT,  NXDOMAIN, 0",
  })
  void aServiceNameWithoutZoneDataExists(String name, String type, String rcode, int answers)
      throws Exception {
    String zone = ZONE.replace("geo   IN TXT   \"zone data beside the geo answers\"\n", "");
    InetSocketAddress address = serve(zone, GEO, "fra1");
    for (Message r :
        List.of(
            DnsClient.udp(address, query(name, Type.value(type))),
            DnsClient.tcp(address, query(name, Type.value(type))))) {
      assertEquals(rcode, Rcode.string(r.getRcode()), name + " " + type);
      assertEquals(answers, r.getSection(Section.ANSWER).size());
      if (answers == 0) {
        assertEquals(Type.SOA, r.getSection(Section.AUTHORITY).get(0).getType());
      }
    }
  }

  @Test
  void aWildcardDoesNotAnswerForAServiceName() throws Exception {
    String zone =
        ZONE.replace("geo   IN TXT   \"zone data beside the geo answers\"\n", "")
            + "*     IN TXT   \"wildcard\"\n";
    InetSocketAddress address = serve(zone, GEO, "fra1");
    Message r = DnsClient.udp(address, query("geo.example.com.", Type.TXT));
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertEquals(0, r.getSection(Section.ANSWER).size());
    Message other = DnsClient.udp(address, query("other.example.com.", Type.TXT));
    assertEquals(1, other.getSection(Section.ANSWER).size(), "the wildcard still answers others");
  }

  @Test
  void healthChecksAgainstRealListenersChooseThePopAndFailOpen() throws Exception {
    // fra1's address has nothing listening; iad1's does. A Paris client is nearest to fra1.
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = listener.getLocalPort();
      String geo =
          """
          pops:
            fra1: {lat: 50.11, lon: 8.68}
            iad1: {lat: 38.95, lon: -77.45}
          networks:
            - {cidr: 198.51.100.0/24, lat: 48.86, lon: 2.35}
          services:
            geo.example.com.:
              ttl: 30
              addresses:
                fra1: [127.0.0.2]
                iad1: [127.0.0.1]
              check: {tcp: %d, interval: 200ms, timeout: 150ms, rise: 1, fall: 1}
          """
              .formatted(port);
      InetSocketAddress address = serve(ZONE, geo, "fra1");
      ClientSubnetOption paris = new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0"));
      Message q = edns(query("geo.example.com.", Type.A), 1232, false, paris);
      awaitAnswer(address, q, ips("127.0.0.1"));
      listener.close();
      // Both down now: every address rather than none.
      awaitAnswer(address, q, ips("127.0.0.1", "127.0.0.2"));
    }
  }

  private static void awaitAnswer(InetSocketAddress address, Message q, Set<InetAddress> want)
      throws Exception {
    Await.until(
        "answering " + want + " after the health checks settled",
        () -> addresses(DnsClient.udp(address, q)).equals(want));
  }

  private static Set<InetAddress> addresses(Message r) throws Exception {
    Set<InetAddress> out = new HashSet<>();
    for (Record rec : r.getSection(Section.ANSWER)) {
      out.add(InetAddress.getByName(rec.rdataToString()));
    }
    return out;
  }

  private static Set<InetAddress> ips(String... literals) throws Exception {
    Set<InetAddress> out = new HashSet<>();
    for (String s : literals) {
      out.add(InetAddress.getByName(s));
    }
    return out;
  }
}
