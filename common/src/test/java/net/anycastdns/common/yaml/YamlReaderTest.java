package net.anycastdns.common.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.anycastdns.common.yaml.YamlTree.Mapping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The nearest known key, suggested for an unknown one only when it is a likely typo. */
class YamlReaderTest {
  private static final List<String> KNOWN = List.of("interval", "timeout", "rise", "fall", "ttl");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "intervall, interval",
    "timout, timeout",
    "tll, ttl",
    "rse, rise",
    "falls, fall",
    "bogus, ",
    "t, ",
    "services, ",
  })
  void nearest(String key, String near) {
    assertEquals(near, YamlReader.nearest(key, KNOWN));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      'intervall: 1s' | f.yaml:1: unknown key 'intervall' at the top level: did you mean 'interval'? (known: interval, timeout, rise, fall, ttl)
      'bogus: 1'      | f.yaml:1: unknown key 'bogus' at the top level (known: interval, timeout, rise, fall, ttl)
      """)
  void unknownKeys(String yaml, String problem) {
    YamlReader r = new YamlReader("f.yaml");
    Mapping root = r.root(yaml.getBytes(StandardCharsets.UTF_8), KNOWN);
    r.unknownKeys(root, "at the top level", KNOWN);
    assertEquals(List.of(problem), r.problems().stream().map(Object::toString).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"'', 0", "'# only comments', 0", "'~', 0"})
  void anEmptyFileIsAnEmptyMapping(String yaml, int size) {
    YamlReader r = new YamlReader("f.yaml");
    assertEquals(size, r.root(yaml.getBytes(StandardCharsets.UTF_8), KNOWN).entries().size());
    assertNull(r.failed() ? "failed" : null);
  }
}
