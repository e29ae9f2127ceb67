package net.anycastdns.common.yaml;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.anycastdns.common.Durations;
import net.anycastdns.common.yaml.YamlTree.Mapping;
import net.anycastdns.common.yaml.YamlTree.Node;
import net.anycastdns.common.yaml.YamlTree.Scalar;
import net.anycastdns.common.yaml.YamlTree.Sequence;

/**
 * Reads values out of a {@link YamlTree} and collects every problem with its line instead of
 * stopping at the first: an operator fixing a file wants the whole list at once. Each method that
 * reads a value returns null after reporting what was wrong with it, so that a reader goes on and
 * checks the rest; {@link #finish} then turns the problems into one {@link ConfigException}.
 *
 * <p>{@code what} arguments name the value in messages ({@code "ttl of service www.example.com."},
 * {@code "tcp-idle-timeout"}).
 */
public class YamlReader {
  private final String file;
  private final List<ConfigProblem> problems = new ArrayList<>();

  /**
   * @param file the file's name, as problems show it
   */
  public YamlReader(String file) {
    this.file = file;
  }

  /** The file's name, as problems show it. */
  public String file() {
    return file;
  }

  /**
   * Parses {@code yaml}. An empty file (or one with only comments) is an empty mapping; a syntax
   * error, or a document that is not a mapping, is reported and gives null.
   *
   * @param keys the keys the file may have at the top, for the message when it is not a mapping
   */
  public Mapping root(byte[] yaml, List<String> keys) {
    try {
      YamlTree.Node root = YamlTree.read(yaml, this::problem);
      if (root == null || root instanceof Mapping) {
        return (Mapping) root;
      }
      problem(
          root, "the file must be a mapping of keys to values (" + String.join(", ", keys) + ")");
      return null;
    } catch (IOException e) {
      problem(0, "cannot read: " + e.getMessage());
      return null;
    }
  }

  /** Reports a problem at {@code line} of the file (0: no single line). */
  public void problem(int line, String message) {
    problems.add(new ConfigProblem(file, line, message));
  }

  /** Reports a problem found elsewhere than in the file (a flag of the command line, say). */
  public void problem(ConfigProblem p) {
    problems.add(p);
  }

  /** Reports a problem about {@code node}; a subclass may place nodes elsewhere than the file. */
  public void problem(Node node, String message) {
    problem(node.line(), message);
  }

  /** True once any problem was reported. */
  public boolean failed() {
    return !problems.isEmpty();
  }

  /** How many problems were reported so far. */
  public int problemCount() {
    return problems.size();
  }

  /** The problems so far, in the order reported. */
  public List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /**
   * Throws the problems found, in line order, if there were any.
   *
   * @throws ConfigException with every problem
   */
  public void finish() throws ConfigException {
    if (!problems.isEmpty()) {
      List<ConfigProblem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparingInt(ConfigProblem::line));
      throw new ConfigException(sorted);
    }
  }

  // ---- structure

  /** The value of {@code key} in {@code m}, or null when it is absent. */
  public static Node value(Mapping m, String key) {
    YamlTree.Entry e = m.entries().get(key);
    return e == null ? null : e.value();
  }

  /**
   * Reports every key of {@code m} not in {@code known}, with the nearest known key when one is
   * close ({@code intervall} for {@code interval}).
   *
   * @param where where the mapping stands, for the message ({@code "at the top level"}, {@code "in
   *     check of service www.example.com."})
   */
  public void unknownKeys(Mapping m, String where, List<String> known) {
    for (YamlTree.Entry e : m.entries().values()) {
      if (!known.contains(e.key())) {
        String near = nearest(e.key(), known);
        problem(
            e.line(),
            "unknown key '"
                + e.key()
                + "' "
                + where
                + (near == null ? "" : ": did you mean '" + near + "'?")
                + " (known: "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  /** A mapping; an empty value counts as an empty mapping. Null (and a problem) otherwise. */
  public Mapping mapping(Node node, String what) {
    if (node == null || node instanceof Mapping) {
      return (Mapping) node;
    }
    if (node instanceof Scalar s && s.text() == null) {
      return new Mapping(s.line(), Map.of());
    }
    problem(node, what + " must be a mapping (key: value lines)");
    return null;
  }

  /** A sequence's items; one scalar counts as a list of one, nothing as an empty list. */
  public List<Node> list(Node node, String what) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof Sequence s) {
      return s.items();
    }
    if (node instanceof Scalar s) {
      return s.text() == null ? List.of() : List.of(s);
    }
    problem(node, what + " must be a list");
    return List.of();
  }

  /**
   * A scalar's text without surrounding blanks; null (and a problem) for a mapping, a list or an
   * empty value; null (and no problem) for no node at all.
   */
  public String scalar(Node node, String what) {
    if (node == null) {
      return null; // missing: whoever required it has said so
    }
    if (node instanceof Scalar s && s.text() != null && !s.text().isBlank()) {
      return s.text().trim();
    }
    problem(
        node, node instanceof Scalar ? what + " needs a value" : what + " must be a single value");
    return null;
  }

  // ---- values

  /** A whole number from {@code min} to {@code max}; null after a problem. */
  public Long integer(Node node, String what, long min, long max) {
    String text = scalar(node, what);
    if (text == null) {
      return null;
    }
    if (!text.matches("[-+]?\\d{1,18}")) {
      problem(node, what + " must be a whole number, not '" + text + "'");
      return null;
    }
    long v = Long.parseLong(text);
    if (v < min) {
      problem(node, what + " must be at least " + min);
      return null;
    }
    if (v > max) {
      problem(node, what + " must be at most " + max);
      return null;
    }
    return v;
  }

  /** {@code true} or {@code false}; null after a problem. */
  public Boolean bool(Node node, String what) {
    String text = scalar(node, what);
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        problem(node, what + " must be true or false, not '" + text + "'");
        yield null;
      }
    };
  }

  /**
   * A duration ({@code 500ms}, {@code 10s}), longer than 0 unless {@code zeroAllowed}; null after a
   * problem.
   */
  public Duration duration(Node node, String what, boolean zeroAllowed) {
    Duration d = parsed(node, what, Durations::parse);
    if (d != null && d.isZero() && !zeroAllowed) {
      problem(node, what + " must be longer than 0");
      return null;
    }
    return d;
  }

  /** One of {@code choices}, as written; null after a problem. */
  public String oneOf(Node node, String what, List<String> choices) {
    String text = scalar(node, what);
    if (text != null && !choices.contains(text)) {
      problem(node, what + " must be " + orList(choices) + ", not '" + text + "'");
      return null;
    }
    return text;
  }

  /**
   * The text turned into a value by {@code parser}, whose {@link IllegalArgumentException} becomes
   * the problem {@code what: message}; null after a problem.
   */
  public <T> T parsed(Node node, String what, Function<String, T> parser) {
    String text = scalar(node, what);
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      problem(node, what + ": " + e.getMessage());
      return null;
    }
  }

  /** {@code a, b or c}. */
  public static String orList(List<String> choices) {
    int n = choices.size();
    return n == 1
        ? choices.get(0)
        : String.join(", ", choices.subList(0, n - 1)) + " or " + choices.get(n - 1);
  }

  /** The known key closest to {@code key} by edit distance, if it is a likely typo of it. */
  static String nearest(String key, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    // Two edits at most, and fewer than the shorter key has letters: "ttl" is not a typo of "tcp".
    return best != null && bestDistance <= 2 && bestDistance < Math.min(key.length(), best.length())
        ? best
        : null;
  }

  /** Levenshtein distance. */
  private static int editDistance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        row[j] =
            Math.min(
                Math.min(row[j] + 1, row[j - 1] + 1),
                diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length()];
  }
}
