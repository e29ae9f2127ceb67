package net.anycastdns.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.anycastdns.zones.WireName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Services are found by lowercase wire name, whole or as a range of a larger buffer. */
class ServiceLookupTest {
  @TempDir static Path dir;

  private static GeoResolver resolver;

  @BeforeAll
  static void load() {
    StringBuilder yaml = new StringBuilder(TestGeo.POPS).append("services:\n");
    for (int i = 0; i < 200; i++) {
      yaml.append("  s").append(i).append(".example.com.: {addresses: {fra1: [192.0.2.1]}}\n");
    }
    yaml.append("  WWW.Example.COM: {addresses: {fra1: [192.0.2.2]}}\n");
    resolver = GeoResolver.create(TestGeo.load(dir, yaml.toString()), null, HealthView.ALL_HEALTHY);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
      www.example.com.,    www.example.com.
      s0.example.com.,     s0.example.com.
      s199.example.com.,   s199.example.com.
      s200.example.com.,   -
      example.com.,        -
      ww.example.com.,     -
      www.example.com.org., -
      """)
  void byWireName(String name, String expected) {
    GeoService s = resolver.service(WireName.of(name));
    assertEquals(expected, s == null ? null : s.name());
  }

  @Test
  void namesAreNormalizedAbsoluteLowercase() {
    Set<String> names = resolver.config().serviceNames();
    assertEquals(201, names.size());
    assertEquals("www.example.com.", List.copyOf(names).get(200));
  }

  @Test
  void rangeOfALargerBuffer() {
    byte[] wire = WireName.of("www.example.com.");
    byte[] buffer = new byte[wire.length + 20];
    System.arraycopy(wire, 0, buffer, 12, wire.length);
    assertSame(resolver.service(wire), resolver.service(buffer, 12, 12 + wire.length));
    assertNull(resolver.service(buffer, 12, 12 + wire.length - 1));
  }
}
