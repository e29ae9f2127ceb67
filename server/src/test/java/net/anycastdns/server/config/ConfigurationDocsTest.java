package net.anycastdns.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.anycastdns.common.yaml.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration section and the configuration model cannot drift apart: its table
 * lists every key the reader knows, once, in the reader's order, and its example is a file the
 * reader takes without an unknown key.
 */
class ConfigurationDocsTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void theTableListsEveryKeyOnce() throws Exception {
    assertEquals(ServerConfigReader.KEYS, tableKeys());
    assertTrue(ServerConfigReader.KEYS.containsAll(ServerConfigReader.ZONE_KEYS));
  }

  @Test
  void theExampleIsAFileTheReaderTakes() throws Exception {
    String example = section().split("```yaml\n", 2)[1].split("```", 2)[0];
    try {
      ServerConfigReader.read("README.md", example.getBytes(StandardCharsets.UTF_8), Map.of());
    } catch (ConfigException e) {
      // Its folders and files exist on an operator's host, not here; anything else is a mistake.
      assertEquals(
          List.of(),
          e.problems().stream()
              .map(Object::toString)
              .filter(p -> !p.contains("is not a folder") && !p.endsWith("does not exist"))
              .toList());
    }
  }

  @Test
  void printConfigShowsOnlyKnownKeys() throws Exception {
    assertTrue(ServerConfigReader.KEYS.containsAll(ServerConfigReader.defaults().keySet()));
  }

  /** The first column of the table under "### Configuration". */
  private static List<String> tableKeys() throws Exception {
    List<String> keys = new ArrayList<>();
    for (String line : section().split("\n")) {
      if (line.startsWith("| `")) {
        keys.add(line.substring(3, line.indexOf('`', 3)));
      }
    }
    return keys;
  }

  private static String section() throws Exception {
    String readme = Files.readString(README);
    int start = readme.indexOf("\n### Configuration\n");
    assertTrue(start >= 0, "no Configuration section in the README");
    int end = readme.indexOf("\n### ", start + 1);
    return readme.substring(start, end);
  }
}
