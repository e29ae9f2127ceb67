package net.anycastdns.geo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.anycastdns.common.IpLiterals;
import net.anycastdns.common.IpPrefix;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import net.anycastdns.zones.WireName;

/** Shared fixtures: writing and loading geo.yaml, clients from text, answers as text. */
final class TestGeo {
  /** Three PoPs far apart: Frankfurt, Washington Dulles, Singapore. */
  static final String POPS =
      """
      pops:
        fra1: {lat: 50.11, lon: 8.68}
        iad1: {lat: 38.95, lon: -77.45}
        sin1: {lat: 1.35, lon: 103.82}
      """;

  /** A service with one IPv4 address per PoP and IPv6 at fra1 and sin1 only. */
  static final String WWW =
      """
      services:
        www.example.com.:
          ttl: 30
          addresses:
            fra1: [192.0.2.10, "2001:db8:f::10"]
            iad1: [192.0.2.20]
            sin1: [192.0.2.30, "2001:db8:5::30"]
      """;

  private TestGeo() {}

  static Path write(Path dir, String yaml) {
    try {
      return Files.writeString(dir.resolve("geo.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code yaml}; a config that does not load fails the test with its problems. */
  static GeoConfig load(Path dir, String yaml) {
    try {
      return GeoConfig.load(write(dir, yaml));
    } catch (ConfigException e) {
      throw new AssertionError("geo.yaml did not load:\n" + e.getMessage(), e);
    }
  }

  /** The problems of a config that must not load, each as {@code geo.yaml:LINE: message}. */
  static List<String> problems(Path dir, String yaml) {
    try {
      GeoConfig.load(write(dir, yaml));
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
    throw new AssertionError("geo.yaml loaded, but should not have:\n" + yaml);
  }

  /** {@code 192.0.2.1} (full length) or {@code 198.51.100.0/24} (that source prefix). */
  static ClientSubnet client(String text) {
    IpPrefix p = IpPrefix.parseOrHost(text);
    return new ClientSubnet(p.isIpv6() ? 2 : 1, p.address(), p.length());
  }

  static GeoService service(GeoResolver resolver, String name) {
    GeoService s = resolver.service(WireName.of(name));
    if (s == null) {
      throw new AssertionError("no service " + name);
    }
    return s;
  }

  /** The answer's addresses as text, in order. */
  static List<String> addresses(GeoDecision d) {
    return Arrays.stream(d.rdata()).map(IpLiterals::format).toList();
  }

  /** A space-separated list as a list; "-" is the empty list. */
  static List<String> words(String s) {
    return s.equals("-") ? List.of() : List.of(s.trim().split("\\s+"));
  }
}
