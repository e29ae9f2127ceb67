package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.anycastdns.common.IpPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The property behind the ECS scope: for random clients (fixed seed) of a config with deeply nested
 * networks, and a MaxMind database with nested records of its own, every address inside the
 * returned scope gets the same answer as the client. Addresses are sampled inside the scope: its
 * lowest and highest address and random ones.
 */
class ScopePropertyTest {
  private static final int CLIENTS = 400;
  private static final int SAMPLES = 24;

  private static final String NETWORKS =
      """
      pops:
        fra1: {lat: 50.11, lon: 8.68}
        iad1: {lat: 38.95, lon: -77.45}
        sin1: {lat: 1.35, lon: 103.82}
        syd1: {lat: -33.87, lon: 151.21}
        gru1: {lat: -23.55, lon: -46.63}
      networks:
        - {cidr: 10.0.0.0/8, lat: 48.86, lon: 2.35}
        - {cidr: 10.1.0.0/16, lat: 40.71, lon: -74.01}
        - {cidr: 10.1.2.0/24, pop: sin1}
        - {cidr: 10.1.2.128/25, lat: 50.0, lon: 8.0}
        - {cidr: 10.1.2.192/26, lat: -33.0, lon: 151.0}
        - {cidr: 10.1.2.3/32, pop: gru1}
        - {cidr: 10.2.0.0/15, lat: 50.11, lon: 8.68}
        - {cidr: 10.2.3.0/24, pop: iad1}
        - {cidr: 10.128.0.0/9, lat: 35.68, lon: 139.69}
        - {cidr: 10.200.0.0/16, lat: 48.0, lon: 11.0}
        - {cidr: 10.200.128.0/17, lat: 48.5, lon: 11.5}
        - {cidr: 172.16.0.0/12, pop: iad1}
        - {cidr: 192.168.0.0/16, lat: -23.0, lon: -46.0}
        - {cidr: 192.168.7.0/24, lat: 1.3, lon: 103.8}
        - {cidr: "2001:db8::/32", lat: 48.86, lon: 2.35}
        - {cidr: "2001:db8:1::/48", pop: sin1}
        - {cidr: "2001:db8:1:8000::/49", lat: 40.71, lon: -74.01}
        - {cidr: "2001:db8:1:c000::/50", lat: 50, lon: 8}
        - {cidr: "2001:db8:2::/47", pop: gru1}
        - {cidr: "2001:db8:ff00::/40", lat: -33.8, lon: 151}
      services:
        www.example.com.:
          addresses:
            fra1: [192.0.2.1, "2001:db8:f::1"]
            iad1: [192.0.2.2]
            sin1: [192.0.2.3, "2001:db8:5::3"]
            syd1: [192.0.2.4]
            gru1: [192.0.2.5, "2001:db8:9::5"]
        duo.example.com.:
          pops: 2
          addresses:
            fra1: [192.0.2.1]
            iad1: [192.0.2.2]
            sin1: [192.0.2.3]
            syd1: [192.0.2.4]
            gru1: [192.0.2.5]
      """;

  private static final List<String> SEEDS =
      List.of(
          "10.0.0.0/8",
          "10.1.0.0/16",
          "10.1.2.0/24",
          "10.1.2.128/25",
          "10.1.2.192/26",
          "10.1.2.3/32",
          "10.2.0.0/15",
          "10.2.3.0/24",
          "10.128.0.0/9",
          "10.200.0.0/16",
          "10.200.128.0/17",
          "172.16.0.0/12",
          "192.168.0.0/16",
          "192.168.7.0/24",
          "11.0.0.0/8",
          "11.64.0.0/10",
          "11.64.1.0/24",
          "100.64.0.0/10",
          "0.0.0.0/0",
          "2001:db8::/32",
          "2001:db8:1::/48",
          "2001:db8:1:8000::/49",
          "2001:db8:1:c000::/50",
          "2001:db8:2::/47",
          "2001:db8:ff00::/40",
          "2a00::/12",
          "2a00:1000::/20",
          "2400::/12",
          "::/0");

  @TempDir static Path dir;

  private static GeoConfig withoutMmdb;
  private static GeoConfig withMmdb;

  @BeforeAll
  static void load() throws Exception {
    withoutMmdb = TestGeo.load(Files.createDirectory(dir.resolve("plain")), NETWORKS);
    Path mmdbDir = Files.createDirectory(dir.resolve("mmdb"));
    new MmdbWriter(6, 28)
        .city("11.0.0.0/8", "London", 51.51, -0.13)
        .city("11.64.0.0/10", "Sydney", -33.87, 151.21)
        .city("11.64.1.0/24", "Singapore", 1.29, 103.85)
        .city("10.3.0.0/16", "New York", 40.71, -74.01)
        .add("100.64.0.0/10", Map.of("country", Map.of("iso_code", "ZZ")))
        .city("2a00::/12", "Frankfurt", 50.11, 8.68)
        .city("2a00:1000::/20", "Tokyo", 35.68, 139.69)
        .city("2400::/12", "Sydney", -33.87, 151.21)
        .write(mmdbDir.resolve("city.mmdb"));
    withMmdb = TestGeo.load(mmdbDir, NETWORKS + "mmdb: city.mmdb\n");
  }

  @ParameterizedTest(name = "mmdb {0}, local pop {1}, seed {2}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      false, -,    1
      false, sin1, 2
      true,  iad1, 3
      true,  -,    4
      """)
  void everyAddressInTheScopeGetsTheSameAnswer(boolean mmdb, String localPop, long seed) {
    GeoResolver r =
        GeoResolver.create(mmdb ? withMmdb : withoutMmdb, localPop, HealthView.ALL_HEALTHY);
    List<GeoService> services =
        List.of(TestGeo.service(r, "www.example.com."), TestGeo.service(r, "duo.example.com."));
    Random random = new Random(seed);
    int narrowed = 0;
    for (int i = 0; i < CLIENTS; i++) {
      ClientSubnet client = randomClient(random);
      GeoService service = services.get(random.nextInt(services.size()));
      int qtype = random.nextInt(4) == 0 ? 28 : 1;
      GeoDecision d = r.decide(service, client, qtype);
      int scope = d.scopePrefix();
      assertTrue(scope >= 0 && scope <= client.maxPrefix(), "scope in range");
      if (scope > 0) {
        narrowed++;
      }
      for (byte[] inside : samplesInside(client.address(), scope, random)) {
        ClientSubnet other = new ClientSubnet(client.family(), inside, client.maxPrefix());
        GeoDecision o = r.decide(service, other, qtype);
        String why = client + " -> " + d + "; but " + other + " -> " + o;
        assertEquals(d.pops(), o.pops(), why);
        assertEquals(TestGeo.addresses(d), TestGeo.addresses(o), why);
      }
    }
    assertTrue(narrowed > CLIENTS / 2, "most answers here depend on the client: " + narrowed);
  }

  /** A client near one of the seeds (or anywhere), at a random source prefix above 0. */
  private static ClientSubnet randomClient(Random random) {
    IpPrefix seed = IpPrefix.parse(SEEDS.get(random.nextInt(SEEDS.size())));
    byte[] a = seed.address();
    int max = a.length * 8;
    int keep =
        random.nextInt(4) == 0 ? Math.max(0, seed.length() - 1 - random.nextInt(4)) : seed.length();
    randomizeFrom(a, keep, random);
    int[] usual = a.length == 4 ? new int[] {32, 24, 22, 20, 16, 8} : new int[] {128, 64, 56, 48};
    int source =
        random.nextInt(3) == 0 ? 1 + random.nextInt(max) : usual[random.nextInt(usual.length)];
    return new ClientSubnet(a.length == 4 ? 1 : 2, IpPrefix.mask(a, source), source);
  }

  /** Addresses sharing the first {@code scope} bits with {@code a}: lowest, highest, random. */
  private static List<byte[]> samplesInside(byte[] a, int scope, Random random) {
    List<byte[]> out = new ArrayList<>();
    byte[] low = IpPrefix.mask(a, scope);
    byte[] high = low.clone();
    for (int i = scope; i < high.length * 8; i++) {
      high[i >>> 3] |= (byte) (0x80 >>> (i & 7));
    }
    out.add(low);
    out.add(high);
    for (int i = 0; i < SAMPLES; i++) {
      byte[] s = a.clone();
      randomizeFrom(s, scope, random);
      out.add(s);
    }
    return out;
  }

  private static void randomizeFrom(byte[] a, int from, Random random) {
    for (int i = from; i < a.length * 8; i++) {
      int mask = 0x80 >>> (i & 7);
      if (random.nextBoolean()) {
        a[i >>> 3] |= (byte) mask;
      } else {
        a[i >>> 3] &= (byte) ~mask;
      }
    }
  }
}
