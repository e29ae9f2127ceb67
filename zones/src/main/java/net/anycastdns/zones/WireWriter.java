package net.anycastdns.zones;

import java.util.Arrays;

/** A growable byte buffer that record data is encoded into, reused from record to record. */
final class WireWriter {
  byte[] buf = new byte[512];
  int len;

  void reset() {
    len = 0;
  }

  void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  void u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
  }

  void u16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void u32(long v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  /** Overwrites one octet written before (a length prefix known only afterwards). */
  void set(int at, int v) {
    buf[at] = (byte) v;
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, len);
  }
}
