package net.anycastdns.server.cookies;

import net.anycastdns.common.SipHash;

/**
 * Server cookies as RFC 9018 section 4 makes them, so that every implementation of an anycast set
 * that shares the secret accepts the others' cookies:
 *
 * <pre>
 *   Version (1) | Reserved (3) | Timestamp (4) | Hash (8)
 *   Hash = SipHash-2-4(Client Cookie | Version | Reserved | Timestamp | Client IP, Server Secret)
 * </pre>
 *
 * Version is 1, Reserved 0 when we make one (but hashed as received when we check one), Timestamp
 * the seconds since 1970 modulo 2^32, the client IP its 4 or 16 octets. Allocates nothing: the
 * caller lends a scratch array of at least {@link #SCRATCH} octets.
 */
public final class ServerCookies {
  /** Octets of a server cookie of this form. */
  public static final int LENGTH = 16;

  /** Octets of the client cookie that precedes it in the COOKIE option (RFC 7873 section 4). */
  public static final int CLIENT_LENGTH = 8;

  /** Octets of scratch space the calls need: client cookie, 8 octets of cookie, an IPv6 address. */
  public static final int SCRATCH = CLIENT_LENGTH + 8 + 16;

  private static final byte VERSION = 1;

  private ServerCookies() {}

  /**
   * Writes the server cookie for the client cookie {@code clientCookie[ccOff, ccOff + 8)} from
   * {@code address}, stamped {@code timestamp}, into {@code out[off, off + 16)}.
   */
  public static void make(
      CookieSecrets.Secret secret,
      byte[] clientCookie,
      int ccOff,
      long timestamp,
      byte[] address,
      byte[] out,
      int off,
      byte[] scratch) {
    out[off] = VERSION;
    out[off + 1] = 0;
    out[off + 2] = 0;
    out[off + 3] = 0;
    out[off + 4] = (byte) (timestamp >>> 24);
    out[off + 5] = (byte) (timestamp >>> 16);
    out[off + 6] = (byte) (timestamp >>> 8);
    out[off + 7] = (byte) timestamp;
    long hash = hash(secret, clientCookie, ccOff, out, off, address, scratch);
    for (int i = 0; i < 8; i++) {
      out[off + 8 + i] = (byte) (hash >>> (8 * i)); // little-endian, as SipHash writes it out
    }
  }

  /**
   * True when {@code cookie[off, off + 16)}, sent back with the client cookie {@code
   * clientCookie[ccOff, ccOff + 8)} from {@code address}, is of version 1 and was made with {@code
   * secret}. Its timestamp is not judged here ({@link #timestamp}).
   */
  public static boolean matches(
      CookieSecrets.Secret secret,
      byte[] clientCookie,
      int ccOff,
      byte[] cookie,
      int off,
      byte[] address,
      byte[] scratch) {
    if (cookie[off] != VERSION) {
      return false;
    }
    long hash = hash(secret, clientCookie, ccOff, cookie, off, address, scratch);
    long sent = 0;
    for (int i = 7; i >= 0; i--) {
      sent = (sent << 8) | (cookie[off + 8 + i] & 0xff);
    }
    return hash == sent;
  }

  /** The timestamp of the server cookie at {@code cookie[off]}: seconds modulo 2^32. */
  public static long timestamp(byte[] cookie, int off) {
    return ((cookie[off + 4] & 0xffL) << 24)
        | ((cookie[off + 5] & 0xffL) << 16)
        | ((cookie[off + 6] & 0xffL) << 8)
        | (cookie[off + 7] & 0xffL);
  }

  /**
   * Seconds from {@code timestamp} to {@code now} (negative: a cookie from the future), in serial
   * number arithmetic (RFC 1982), so that the wrap of 2^32 seconds in 2106 costs no cookie.
   */
  public static int age(long timestamp, long now) {
    return (int) (now - timestamp);
  }

  private static long hash(
      CookieSecrets.Secret secret,
      byte[] clientCookie,
      int ccOff,
      byte[] serverCookie,
      int off,
      byte[] address,
      byte[] scratch) {
    System.arraycopy(clientCookie, ccOff, scratch, 0, CLIENT_LENGTH);
    System.arraycopy(serverCookie, off, scratch, CLIENT_LENGTH, 8);
    System.arraycopy(address, 0, scratch, CLIENT_LENGTH + 8, address.length);
    return SipHash.hash(secret.k0(), secret.k1(), scratch, 0, CLIENT_LENGTH + 8 + address.length);
  }
}
