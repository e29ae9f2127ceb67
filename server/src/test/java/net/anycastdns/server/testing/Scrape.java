package net.anycastdns.server.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The samples of one {@code /metrics} response, parsed from the Prometheus text format. */
public final class Scrape {
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private Scrape(List<Sample> samples) {
    this.samples = samples;
  }

  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      samples.add(sample(line));
    }
    return new Scrape(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /**
   * The sum of the samples named {@code name} whose labels include every {@code key, value} pair
   * given; 0 when there is none (a counter not yet used).
   */
  public double value(String name, String... labels) {
    double sum = 0;
    for (Sample s : matching(name, labels)) {
      sum += s.value();
    }
    return sum;
  }

  /** Whether any sample is named {@code name} with these labels. */
  public boolean has(String name, String... labels) {
    return !matching(name, labels).isEmpty();
  }

  public List<Sample> matching(String name, String... labels) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && includes(s.labels(), labels)) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean includes(Map<String, String> have, String[] want) {
    for (int i = 0; i < want.length; i += 2) {
      if (!want[i + 1].equals(have.get(want[i]))) {
        return false;
      }
    }
    return true;
  }

  /** {@code name{k="v",...} value} or {@code name value}. */
  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.lastIndexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    if (brace < 0 || brace > space) {
      name = line.substring(0, space);
    } else {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            c = line.charAt(++j);
            value.append(c == 'n' ? '\n' : c);
          } else {
            value.append(c);
          }
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
    }
    return new Sample(name, labels, Double.parseDouble(line.substring(space + 1)));
  }
}
