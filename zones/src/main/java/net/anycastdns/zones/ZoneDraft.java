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
  /** Owner runs grouped per batch; see {@link #of}. */
  private static final int BATCH = 64;

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
    int[] runStart = new int[BATCH + 1];
    byte[][] runName = new byte[BATCH][];
    int[] runHash = new int[BATCH];
    int size = records.size();
    int next = 0;
    while (next < size) {
      // A run is a record and those after it with the same owner octets (the scanner stores a
      // repeated owner once). Runs are taken a batch at a time so that the table is probed for
      // all of them before any is grouped: in a large zone nearly every probe misses the cache,
      // and probes made one after another overlap their waits (memory-level parallelism).
      int runs = 0;
      while (runs < BATCH && next < size) {
        int off = records.ownerOffset(next);
        runStart[runs] = next;
        do {
          next++;
        } while (next < size && records.ownerOffset(next) == off);
        byte[] lower = new byte[WireName.length(names, off)];
        for (int k = 0; k < lower.length; k++) {
          lower[k] = WireName.lower(names[off + k]);
        }
        runName[runs] = lower;
        runHash[runs] = WireName.hash(lower, 0, lower.length);
        runs++;
      }
      runStart[runs] = next;
      d.touch(runHash, runs);
      for (int k = 0; k < runs; k++) {
        d.group(runName[k], runHash[k], runStart[k], runStart[k + 1]);
      }
    }
    records.dropNames();
    return d;
  }

  /** Reads the table slots of {@code hashes[0, count)}, so that they are in the cache. */
  private void touch(int[] hashes, int count) {
    int mask = table.length - 1;
    int sum = 0;
    for (int k = 0; k < count; k++) {
      int i = hashes[k] & mask;
      sum += table[i] + tableHash[i];
    }
    touched = sum;
  }

  /** Written by {@link #touch} only so that its reads are not optimized away. */
  @SuppressWarnings("unused")
  private int touched;

  /**
   * Groups records {@code [from, to)}, whose owner is {@code lower} (a lowercase copy, kept by the
   * owner it makes) with hash {@code hash}, or reports those that cannot belong to the zone.
   */
  private void group(byte[] lower, int hash, int from, int to) {
    int len = lower.length;
    boolean inZone = WireName.isSubdomain(lower, len, apexName);
    int owner = -1;
    for (int i = from; i < to; i++) {
      int type = records.type(i);
      if (records.dclass(i) != DClass.IN) {
        problems.add(
            ZoneProblem.error(
                file,
                records.line(i),
                "class "
                    + DClass.string(records.dclass(i))
                    + " at "
                    + recordOwnerString(i)
                    + ": only IN is served"));
      } else if (!inZone) {
        problems.add(
            ZoneProblem.error(
                file,
                records.line(i),
                "out-of-zone record "
                    + recordOwnerString(i)
                    + " "
                    + RecordTypes.string(type)
                    + " in zone "
                    + origin));
      } else if (type == Type.SOA && len != apexName.length) {
        problems.add(
            ZoneProblem.error(
                file,
                records.line(i),
                "SOA at " + recordOwnerString(i) + ", not at the apex " + origin));
      } else {
        if (owner < 0) {
          owner = ownerOf(lower, 0, len, hash, true);
        }
        append(owner, i);
      }
    }
  }

  /** The owner of record {@code i} as the file wrote it, for messages. */
  private String recordOwnerString(int i) {
    byte[] names = records.names();
    int off = records.ownerOffset(i);
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
    return ownerOf(name, off, end, WireName.hash(name, off, end), add);
  }

  /**
   * {@link #ownerOf(byte[], int, int, boolean)} with the name's hash given; a new owner keeps
   * {@code name} itself when it is the whole array.
   */
  private int ownerOf(byte[] name, int off, int end, int h, boolean add) {
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int o = table[i] - 1;
      if (o < 0) {
        if (!add) {
          return -1;
        }
        return addOwner(
            off == 0 && end == name.length ? name : Arrays.copyOfRange(name, off, end), h, i);
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
