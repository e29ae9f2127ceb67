package net.anycastdns.zones;

/** The text side of BIND's {@code $GENERATE}: its range and its {@code $} substitutions. */
final class Generate {
  private Generate() {}

  /** {@code start-stop[/step]} as {start, stop, step}, or null when malformed. */
  static long[] range(String s) {
    int dash = s.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String stop = s.substring(dash + 1);
    String step = "1";
    int slash = stop.indexOf('/');
    if (slash >= 0) {
      step = stop.substring(slash + 1);
      stop = stop.substring(0, slash);
    }
    long[] r = {uint32(s.substring(0, dash)), uint32(stop), uint32(step)};
    return r[0] < 0 || r[1] < 0 || r[2] <= 0 || r[0] > r[1] ? null : r;
  }

  private static long uint32(String s) {
    if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    long v = Long.parseLong(s);
    return v > 0xFFFFFFFFL ? -1 : v;
  }

  /**
   * {@code spec} with {@code $} replaced by {@code n} and {@code ${offset[,width[,base]]}} by
   * {@code n + offset} in base d, o, x or X, zero-padded to width; {@code $$} and {@code \$} are a
   * dollar sign, and a backslash escapes the character after it (as dnsjava's {@code Generator}
   * does).
   *
   * @throws IllegalArgumentException when a modifier is malformed
   */
  static String substitute(String spec, long n) {
    StringBuilder sb = new StringBuilder();
    int len = spec.length();
    for (int i = 0; i < len; i++) {
      char c = spec.charAt(i);
      if (c == '\\') {
        if (i + 1 == len) {
          throw new IllegalArgumentException("invalid escape character");
        }
        sb.append(spec.charAt(++i));
        continue;
      }
      if (c != '$') {
        sb.append(c);
        continue;
      }
      if (i + 1 < len && spec.charAt(i + 1) == '$') {
        sb.append('$');
        i++;
        continue;
      }
      long offset = 0;
      long width = 0;
      int base = 10;
      boolean upper = false;
      if (i + 1 < len && spec.charAt(i + 1) == '{') {
        int close = spec.indexOf('}', i);
        if (close < 0) {
          throw new IllegalArgumentException("invalid modifiers");
        }
        String[] mods = spec.substring(i + 2, close).split(",", -1);
        i = close;
        try {
          offset = Long.parseLong(mods[0]);
          width = mods.length > 1 ? Long.parseLong(mods[1]) : 0;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid offset or width");
        }
        if (mods.length > 2) {
          switch (mods[2]) {
            case "d" -> base = 10;
            case "o" -> base = 8;
            case "x" -> base = 16;
            case "X" -> {
              base = 16;
              upper = true;
            }
            default -> throw new IllegalArgumentException("invalid base");
          }
        }
        if (mods.length > 3) {
          throw new IllegalArgumentException("invalid modifiers");
        }
      }
      long v = n + offset;
      if (v < 0) {
        throw new IllegalArgumentException("invalid offset expansion");
      }
      String number = Long.toString(v, base);
      if (upper) {
        number = number.toUpperCase(java.util.Locale.ROOT);
      }
      for (long z = width - number.length(); z > 0; z--) {
        sb.append('0');
      }
      sb.append(number);
    }
    return sb.toString();
  }
}
