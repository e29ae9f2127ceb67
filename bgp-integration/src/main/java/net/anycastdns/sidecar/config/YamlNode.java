package net.anycastdns.sidecar.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A node of the parsed YAML with its path ({@code selftest.probes[1].type}), so that every error
 * names the key it is about.
 */
final class YamlNode {
  private final String path;
  private final JsonNode node;

  YamlNode(String path, JsonNode node) {
    this.path = path;
    this.node = node;
  }

  String path() {
    return path;
  }

  /** A mapping whose keys must all be in {@code allowed}. */
  YamlNode mapping(Set<String> allowed) {
    if (!node.isObject()) {
      throw error("must be a mapping of keys to values");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!allowed.contains(key)) {
        throw new ConfigException(
            child(key)
                + ": unknown key (known here: "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
      }
    }
    return this;
  }

  Optional<YamlNode> optional(String key) {
    JsonNode child = node.get(key);
    return child == null || child.isNull()
        ? Optional.empty()
        : Optional.of(new YamlNode(child(key), child));
  }

  YamlNode required(String key) {
    return optional(key).orElseThrow(() -> new ConfigException(child(key) + ": missing"));
  }

  String text() {
    if (!node.isValueNode()) {
      throw error("must be a single value");
    }
    return node.asText();
  }

  int integer(int min) {
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw error("must be a whole number");
    }
    if (node.asInt() < min) {
      throw error("must be at least " + min);
    }
    return node.asInt();
  }

  boolean bool() {
    if (!node.isBoolean()) {
      throw error("must be true or false");
    }
    return node.asBoolean();
  }

  Duration duration() {
    return convert(Durations::parse);
  }

  /**
   * The text converted by {@code parser}, whose IllegalArgumentException becomes a ConfigException.
   */
  <T> T convert(Function<String, T> parser) {
    try {
      return parser.apply(text());
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  List<YamlNode> list() {
    if (!node.isArray()) {
      throw error("must be a list");
    }
    List<YamlNode> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(new YamlNode(path + "[" + i + "]", node.get(i)));
    }
    return items;
  }

  /** A non-empty list of strings, such as a command's argument list. */
  List<String> argv() {
    List<String> argv = new ArrayList<>();
    for (YamlNode item : list()) {
      argv.add(item.text());
    }
    if (argv.isEmpty() || argv.get(0).isBlank()) {
      throw error("must be a non-empty argument list such as [birdc, -s, /run/bird/bird.ctl]");
    }
    return argv;
  }

  ConfigException error(String problem) {
    return new ConfigException((path.isEmpty() ? "top level" : path) + ": " + problem);
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
