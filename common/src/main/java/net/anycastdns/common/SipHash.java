package net.anycastdns.common;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed 64-bit
 * hash of short inputs that an attacker who does not know the 128-bit key can neither predict nor
 * steer into collisions. DNS cookies use it for server cookies (RFC 9018 section 4.4), and the
 * response rate limiter for its table keys, as Knot DNS does.
 *
 * <p>Written here rather than taken from Guava ({@code Hashing.sipHash24}): Guava's returns a new
 * {@code HashCode} (and builds a {@code Hasher}) per call, which the query path may not do, and
 * would bring a 3 MB library for one function. It is checked against the reference vectors of the
 * paper's authors.
 *
 * <p>Allocates nothing; stateless, so any thread may call it.
 */
public final class SipHash {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private SipHash() {}

  /**
   * The first ({@code half} 0) or second ({@code half} 1) 64-bit half of a 16-octet key, read
   * little-endian as the reference implementation reads it.
   */
  public static long keyHalf(byte[] key, int half) {
    if (key.length != 16) {
      throw new IllegalArgumentException("a SipHash key has 16 octets, not " + key.length);
    }
    return (long) LONG_LE.get(key, half * 8);
  }

  /**
   * SipHash-2-4 of {@code data[off, off + len)} under the key ({@code k0}, {@code k1}). Written out
   * as octets, the result is little-endian (the reference implementation's output).
   */
  public static long hash(long k0, long k1, byte[] data, int off, int len) {
    long v0 = 0x736f6d6570736575L ^ k0;
    long v1 = 0x646f72616e646f6dL ^ k1;
    long v2 = 0x6c7967656e657261L ^ k0;
    long v3 = 0x7465646279746573L ^ k1;
    int end = off + (len & ~7);
    int at = off;
    long m = block(data, at, end, len);
    v3 ^= m;
    int rounds = 2; // c = 2 rounds per block, then d = 4 to finish
    while (true) {
      for (int r = 0; r < rounds; r++) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13) ^ v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16) ^ v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21) ^ v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17) ^ v2;
        v2 = Long.rotateLeft(v2, 32);
      }
      if (rounds == 4) {
        return v0 ^ v1 ^ v2 ^ v3;
      }
      v0 ^= m;
      if (at >= end) {
        v2 ^= 0xff;
        rounds = 4;
      } else {
        at += 8;
        m = block(data, at, end, len);
        v3 ^= m;
      }
    }
  }

  /**
   * The 8-octet block at {@code at}, little-endian; past the whole blocks, the last one: the octets
   * left over, with the input length's low byte on top.
   */
  private static long block(byte[] data, int at, int end, int len) {
    if (at < end) {
      return (long) LONG_LE.get(data, at);
    }
    long last = ((long) len) << 56;
    for (int i = len & 7; i > 0; i--) {
      last |= (data[end + i - 1] & 0xffL) << (8 * (i - 1));
    }
    return last;
  }
}
