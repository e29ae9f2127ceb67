package net.anycastdns.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts of memory as operators write them: {@code 512KiB}, {@code 64MiB}, {@code 1GiB}. */
public final class ByteSizes {
  /** At most six digits: every value fits a {@code long} and no parse can overflow. */
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})(KiB|MiB|GiB)");

  private ByteSizes() {}

  /**
   * Parses {@code text} into octets.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static long parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("bad size '" + text + "' (use 512KiB, 64MiB or 1GiB)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "KiB" -> n << 10;
      case "MiB" -> n << 20;
      default -> n << 30;
    };
  }

  /**
   * {@code 64MiB}, {@code 1536KiB}: the largest unit that is exact, the form {@link #parse} reads.
   */
  public static String format(long octets) {
    if (octets != 0 && octets % (1L << 30) == 0) {
      return (octets >> 30) + "GiB";
    }
    if (octets != 0 && octets % (1L << 20) == 0) {
      return (octets >> 20) + "MiB";
    }
    return (octets >> 10) + "KiB";
  }
}
