package net.anycastdns.zones;

import java.util.Arrays;
import java.util.List;

/**
 * The records of a master file as the scanner read them, in file order, without an object per
 * record: owner names and record data in two byte pools (an owner repeated by the next record is
 * stored once), type, class, TTL and line in int arrays. This is all a zone needs between scanning
 * and compiling; a million records take some 40 MB here.
 */
final class ScannedRecords {
  private byte[] names;
  private int namesLen;
  private byte[] rdata;
  private int rdataLen;
  private int[] owner;
  private int[] typeAndClass;
  private int[] ttl;
  private int[] line;
  private int[] rdataStart;
  private int size;
  private int lastOwner = -1;

  ScannedRecords() {
    this(0);
  }

  /**
   * Sized for about {@code textLength} octets of master file, from what a line of a typical zone
   * holds, so that a large zone is not copied again and again as it grows.
   */
  ScannedRecords(int textLength) {
    this(textLength, textLength / 32);
  }

  /**
   * Sized as {@link #ScannedRecords(int)} is, for {@code lines} records: a count of the lines,
   * which hold at most one record each but for {@code $GENERATE}. A record takes ten octets at the
   * least ({@code " A 1.2.3.4"}), so a text of blank lines or comments is not given an array entry
   * per line.
   */
  ScannedRecords(int textLength, int lines) {
    int records = Math.max(8, Math.min(lines, textLength / 10));
    names = new byte[Math.max(64, textLength / 2)];
    rdata = new byte[Math.max(64, textLength / 3)];
    owner = new int[records];
    typeAndClass = new int[records];
    ttl = new int[records];
    line = new int[records];
    rdataStart = new int[records + 1];
  }

  int size() {
    return size;
  }

  /** Adds a record; the owner is wire format, the data uncompressed wire format. */
  void add(
      byte[] ownerWire,
      int ownerLen,
      int type,
      int dclass,
      long ttlValue,
      byte[] data,
      int dataLen,
      int lineNumber) {
    if (size == owner.length) {
      int n = size + size / 2 + 8;
      owner = Arrays.copyOf(owner, n);
      typeAndClass = Arrays.copyOf(typeAndClass, n);
      ttl = Arrays.copyOf(ttl, n);
      line = Arrays.copyOf(line, n);
      rdataStart = Arrays.copyOf(rdataStart, n + 1);
    }
    if (lastOwner < 0
        || lastOwner + ownerLen != namesLen
        || !Arrays.equals(names, lastOwner, namesLen, ownerWire, 0, ownerLen)) {
      names = fit(names, namesLen, ownerLen);
      System.arraycopy(ownerWire, 0, names, namesLen, ownerLen);
      lastOwner = namesLen;
      namesLen += ownerLen;
    }
    rdata = fit(rdata, rdataLen, dataLen);
    System.arraycopy(data, 0, rdata, rdataLen, dataLen);
    owner[size] = lastOwner;
    typeAndClass[size] = type | dclass << 16;
    ttl[size] = (int) ttlValue;
    line[size] = lineNumber;
    rdataStart[size] = rdataLen;
    rdataLen += dataLen;
    size++;
    rdataStart[size] = rdataLen;
  }

  private static byte[] fit(byte[] a, int used, int more) {
    return used + more <= a.length
        ? a
        : Arrays.copyOf(a, Math.max(a.length + a.length / 2, used + more));
  }

  /** Appends every record of {@code parts}, in order, to a new batch. */
  static ScannedRecords concat(List<ScannedRecords> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    ScannedRecords all = new ScannedRecords();
    int n = 0;
    int nameBytes = 0;
    int dataBytes = 0;
    for (ScannedRecords p : parts) {
      n += p.size;
      nameBytes += p.namesLen;
      dataBytes += p.rdataLen;
    }
    all.names = new byte[Math.max(1, nameBytes)];
    all.rdata = new byte[Math.max(1, dataBytes)];
    all.owner = new int[n];
    all.typeAndClass = new int[n];
    all.ttl = new int[n];
    all.line = new int[n];
    all.rdataStart = new int[n + 1];
    for (ScannedRecords p : parts) {
      System.arraycopy(p.names, 0, all.names, all.namesLen, p.namesLen);
      System.arraycopy(p.rdata, 0, all.rdata, all.rdataLen, p.rdataLen);
      for (int i = 0; i < p.size; i++) {
        int at = all.size + i;
        all.owner[at] = p.owner[i] + all.namesLen;
        all.rdataStart[at] = p.rdataStart[i] + all.rdataLen;
      }
      System.arraycopy(p.typeAndClass, 0, all.typeAndClass, all.size, p.size);
      System.arraycopy(p.ttl, 0, all.ttl, all.size, p.size);
      System.arraycopy(p.line, 0, all.line, all.size, p.size);
      all.size += p.size;
      all.namesLen += p.namesLen;
      all.rdataLen += p.rdataLen;
      all.rdataStart[all.size] = all.rdataLen;
    }
    return all;
  }

  /**
   * Lets the owner names go once they are grouped (the draft keeps one copy of each): a large zone
   * compiles in that much less memory.
   */
  void dropNames() {
    names = null;
    owner = null;
  }

  /** The pool holding record {@code i}'s owner, at {@link #ownerOffset}. */
  byte[] names() {
    return names;
  }

  int ownerOffset(int i) {
    return owner[i];
  }

  int type(int i) {
    return typeAndClass[i] & 0xFFFF;
  }

  int dclass(int i) {
    return typeAndClass[i] >>> 16;
  }

  long ttl(int i) {
    return ttl[i] & 0xFFFFFFFFL;
  }

  int line(int i) {
    return line[i];
  }

  /** The pool holding record data, from {@link #rdataStart} to {@link #rdataEnd}. */
  byte[] rdata() {
    return rdata;
  }

  int rdataStart(int i) {
    return rdataStart[i];
  }

  int rdataEnd(int i) {
    return rdataStart[i + 1];
  }

  /** A copy of record {@code i}'s data. */
  byte[] rdataCopy(int i) {
    return Arrays.copyOfRange(rdata, rdataStart[i], rdataStart[i + 1]);
  }
}
