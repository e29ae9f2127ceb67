package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * A scanned zone grouped by owner name, the shape both {@link ZoneChecks} and {@link ZoneCompiler}
 * work on, so that the grouping is done once per load. Owners are numbered; each has its lowercase
 * wire name (the very array the compiled node keeps) and a chain of its records in file order. No
 * object is made per record.
 *
 * <p>Records that cannot belong to the zone at all (another class, outside the origin, an SOA below
 * the apex) are not grouped but reported as problems right here.
 */
public final class ZoneDraft {
  final String file;
  final Name origin;
  final byte[] apexName;
  final ScannedRecords records;
  final List<ZoneProblem> problems = new ArrayList<>();

  private int owners;
  private byte[][] ownerName;
  private int[] firstRecord;
  private int[] lastRecord;
  private final int[] nextRecord;

  /** Open addressing from name hash to owner number + 1. */
  private int[] table;

  private int[] tableHash;

  private ZoneDraft(String file, Name origin, ScannedRecords records) {
    this.file = file;
    this.origin = origin;
    this.apexName = WireName.of(origin);
    this.records = records;
    int expected = Math.max(16, records.size());
    this.ownerName = new byte[expected][];
    this.firstRecord = new int[expected];
    this.lastRecord = new int[expected];
    this.nextRecord = new int[records.size()];
    int capacity = Integer.highestOneBit(expected * 2 - 1) << 1;
    this.table = new int[capacity];
    this.tableHash = new int[capacity];
  }

  /** Groups the records of zone {@code origin} from {@code file}. */
  static ZoneDraft of(String file, Name origin, ScannedRecords records) {
    ZoneDraft d = new ZoneDraft(file, origin, records);
    byte[] names = records.names();
    byte[] lower = new byte[WireName.MAX_LENGTH];
    int lastOffset = -1;
    int last = -1;
    for (int i = 0; i < records.size(); i++) {
      int off = records.ownerOffset(i);
      int type = records.type(i);
      int len = WireName.length(names, off);
      if (off != lastOffset) {
        for (int k = 0; k < len; k++) {
          lower[k] = WireName.lower(names[off + k]);
        }
      }
      if (records.dclass(i) != DClass.IN) {
        d.problems.add(
            ZoneProblem.error(
                file,
                records.line(i),
                "class "
                    + DClass.string(records.dclass(i))
                    + " at "
                    + nameString(names, off)
                    + ": only IN is served"));
        continue;
      }
      if (!WireName.isSubdomain(lower, len, d.apexName)) {
        d.problems.add(
            ZoneProblem.error(
                file,
                records.line(i),
                "out-of-zone record "
                    + nameString(names, off)
                    + " "
                    + RecordTypes.string(type)
                    + " in zone "
                    + origin));
        continue;
      }
      if (type == Type.SOA && len != d.apexName.length) {
        d.problems.add(
            ZoneProblem.error(
                file,
                records.line(i),
                "SOA at " + nameString(names, off) + ", not at the apex " + origin));
        continue;
      }
      // Records of one owner usually follow each other, and then share the owner's bytes.
      if (off != lastOffset) {
        last = d.ownerOf(lower, 0, len, true);
        lastOffset = off;
      }
      d.append(last, i);
    }
    records.dropNames();
    return d;
  }

  private static String nameString(byte[] names, int off) {
    return WireName.toString(Arrays.copyOfRange(names, off, off + WireName.length(names, off)));
  }

  private void append(int owner, int record) {
    nextRecord[record] = -1;
    if (firstRecord[owner] < 0) {
      firstRecord[owner] = record;
    } else {
      nextRecord[lastRecord[owner]] = record;
    }
    lastRecord[owner] = record;
  }

  /**
   * The number of the owner named {@code name[off, end)} (lowercase), or -1; with {@code add}, a
   * new owner without records when there is none.
   */
  int ownerOf(byte[] name, int off, int end, boolean add) {
    int h = WireName.hash(name, off, end);
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int o = table[i] - 1;
      if (o < 0) {
        if (!add) {
          return -1;
        }
        return addOwner(Arrays.copyOfRange(name, off, end), h, i);
      }
      if (tableHash[i] == h && WireName.equals(name, off, end, ownerName[o])) {
        return o;
      }
    }
  }

  private int addOwner(byte[] name, int hash, int slot) {
    if (owners == ownerName.length) {
      int n = owners * 2;
      ownerName = Arrays.copyOf(ownerName, n);
      firstRecord = Arrays.copyOf(firstRecord, n);
      lastRecord = Arrays.copyOf(lastRecord, n);
    }
    int o = owners++;
    ownerName[o] = name;
    firstRecord[o] = -1;
    table[slot] = o + 1;
    tableHash[slot] = hash;
    if (owners * 2 > table.length) {
      rehash();
    }
    return o;
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    int[] th = new int[t.length];
    int mask = t.length - 1;
    for (int i = 0; i < table.length; i++) {
      if (table[i] != 0) {
        int j = tableHash[i] & mask;
        while (t[j] != 0) {
          j = (j + 1) & mask;
        }
        t[j] = table[i];
        th[j] = tableHash[i];
      }
    }
    table = t;
    tableHash = th;
  }

  /** Number of owners, empty non-terminals added by {@link #ownerOf} included. */
  int owners() {
    return owners;
  }

  /** Lowercase wire name of owner {@code o}. */
  byte[] name(int o) {
    return ownerName[o];
  }

  /** The first record of owner {@code o}, or -1. */
  int first(int o) {
    return firstRecord[o];
  }

  /** The record after {@code r} at the same owner, or -1. */
  int next(int r) {
    return nextRecord[r];
  }

  boolean has(int o, int type) {
    for (int r = firstRecord[o]; r >= 0; r = nextRecord[r]) {
      if (records.type(r) == type) {
        return true;
      }
    }
    return false;
  }

  /** The owner of the apex, or -1. */
  int apex() {
    return ownerOf(apexName, 0, apexName.length, false);
  }

  /**
   * The name table of the compiled zone: this draft's slots, each holding {@code values[o]} for the
   * owner {@code o} it held. The draft's table is given away.
   */
  <V> NameTable<V> toNameTable(V[] values) {
    byte[][] keys = new byte[table.length][];
    Object[] slots = new Object[table.length];
    for (int i = 0; i < table.length; i++) {
      int o = table[i] - 1;
      if (o >= 0) {
        keys[i] = ownerName[o];
        slots[i] = values[o];
      }
    }
    NameTable<V> t = NameTable.ofSlots(keys, slots, tableHash, owners);
    table = null;
    tableHash = null;
    return t;
  }

  /** The presentation form of owner {@code o}, for messages. */
  String ownerString(int o) {
    return WireName.toString(ownerName[o]);
  }
}
