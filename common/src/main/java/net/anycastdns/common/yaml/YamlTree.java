package net.anycastdns.common.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A YAML document as a tree whose every node knows its line. Jackson's own {@code JsonNode} tree
 * drops locations, and a message without its line is little help in a file that will grow, so the
 * tree is built from the streaming parser's token locations instead. Every scalar is kept as its
 * text; a {@link YamlReader} decides what it must be.
 */
public final class YamlTree {
  private YamlTree() {}

  /** A node and the 1-based line it starts on. */
  public sealed interface Node permits Mapping, Sequence, Scalar {
    int line();
  }

  /** A mapping in file order; each key remembers its own line. */
  public record Mapping(int line, Map<String, Entry> entries) implements Node {}

  /** One key of a mapping with its value. */
  public record Entry(String key, int line, Node value) {}

  /** A sequence. */
  public record Sequence(int line, List<Node> items) implements Node {}

  /** A scalar as written; {@code text} is null for an empty value or {@code ~}. */
  public record Scalar(int line, String text) implements Node {}

  /**
   * Reads {@code file}. An empty file (or one with only comments, or only {@code ~}) is an empty
   * mapping. Syntax errors and duplicate keys go to {@code problems} as (line, message); the result
   * is then null for a syntax error, and keeps the first of duplicated keys.
   */
  public static Node read(byte[] yaml, BiConsumer<Integer, String> problems) throws IOException {
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new Mapping(1, Map.of());
      }
      Node root = node(p, problems);
      return root instanceof Scalar s && s.text() == null ? new Mapping(s.line(), Map.of()) : root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String message = e.getOriginalMessage();
      int nl = message.indexOf('\n');
      problems.accept(line, "YAML syntax: " + (nl < 0 ? message : message.substring(0, nl)));
      return null;
    }
  }

  private static Node node(JsonParser p, BiConsumer<Integer, String> problems) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        p.nextToken();
        Node value = node(p, problems);
        Entry previous = entries.putIfAbsent(key, new Entry(key, keyLine, value));
        if (previous != null) {
          problems.accept(
              keyLine, "duplicate key '" + key + "' (first on line " + previous.line() + ")");
        }
      }
      return new Mapping(line, Collections.unmodifiableMap(entries));
    }
    if (t == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(p, problems));
      }
      return new Sequence(line, List.copyOf(items));
    }
    return new Scalar(line, t == JsonToken.VALUE_NULL ? null : p.getText());
  }
}
