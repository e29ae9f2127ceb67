package net.anycastdns.zones;

/**
 * SOA serial arithmetic (RFC 1982, with SERIAL_BITS = 32 as RFC 1035 section 3.3.13 has it).
 * Serials wrap around at 2^32, so "greater" means "ahead by less than half the circle", not the
 * integer comparison: 5 is greater than 4,294,967,290, and a serial 2^31 ahead is neither greater
 * nor smaller (RFC 1982 section 3.2 leaves that comparison undefined).
 */
public final class Serials {
  private static final long HALF = 1L << 31;
  private static final long MAX = (1L << 32) - 1;

  private Serials() {}

  /**
   * Whether {@code next} is greater than {@code previous} in serial number arithmetic (RFC 1982
   * section 3.2: i1 &lt; i2 and i2 - i1 &lt; 2^31, or i1 &gt; i2 and i1 - i2 &gt; 2^31). False when
   * the two are equal and when the comparison is undefined, since neither is a newer zone.
   *
   * @throws IllegalArgumentException when a serial is outside 0 to 2^32 - 1
   */
  public static boolean isGreater(long next, long previous) {
    check(next);
    check(previous);
    return (previous < next && next - previous < HALF)
        || (previous > next && previous - next > HALF);
  }

  private static void check(long serial) {
    if (serial < 0 || serial > MAX) {
      throw new IllegalArgumentException("serial " + serial + " is not a 32-bit unsigned number");
    }
  }
}
