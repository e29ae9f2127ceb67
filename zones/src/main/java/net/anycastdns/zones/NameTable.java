package net.anycastdns.zones;

/**
 * An immutable open-addressing hash table from lowercase wire names to values. Lookups take the
 * name as a byte range (a suffix of a query name), so the query path finds a node, or the zone of a
 * name, without allocating a key object.
 *
 * @param <V> the value type
 */
public final class NameTable<V> {
  private final byte[][] keys;
  private final Object[] values;
  private final int[] hashes;
  private final int mask;
  private final int size;

  private NameTable(byte[][] keys, Object[] values, int[] hashes, int size) {
    this.keys = keys;
    this.values = values;
    this.hashes = hashes;
    this.mask = keys.length - 1;
    this.size = size;
  }

  /** Number of entries. */
  public int size() {
    return size;
  }

  /** Every value, in no particular order: for tools and tests that walk a whole zone. */
  @SuppressWarnings("unchecked")
  void forEach(java.util.function.Consumer<V> action) {
    for (Object v : values) {
      if (v != null) {
        action.accept((V) v);
      }
    }
  }

  /** The value stored for the whole name {@code name[off, name.length)}, or null. */
  public V get(byte[] name, int off) {
    return get(name, off, name.length);
  }

  /** The value stored for the name {@code name[off, end)}, or null. */
  @SuppressWarnings("unchecked")
  public V get(byte[] name, int off, int end) {
    int h = WireName.hash(name, off, end);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      byte[] k = keys[i];
      if (k == null) {
        return null;
      }
      if (hashes[i] == h && WireName.equals(name, off, end, k)) {
        return (V) values[i];
      }
    }
  }

  /**
   * A table over slots filled elsewhere with the same hashing and probing ({@link WireName#hash},
   * linear probing, a power-of-two capacity at most half full), such as {@link ZoneDraft}'s: the
   * compiled zone takes over the draft's table instead of hashing every name again.
   */
  static <V> NameTable<V> ofSlots(byte[][] keys, Object[] values, int[] hashes, int size) {
    return new NameTable<>(keys, values, hashes, size);
  }

  /** Builds a table; a name added twice keeps the later value. */
  public static final class Builder<V> {
    private byte[][] keys;
    private Object[] values;
    private int[] hashes;
    private int size;

    public Builder() {
      this(8);
    }

    /** A builder sized for {@code expected} names, so that it never has to grow. */
    public Builder(int expected) {
      int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
      keys = new byte[capacity][];
      values = new Object[capacity];
      hashes = new int[capacity];
    }

    public Builder<V> put(byte[] name, V value) {
      if ((size + 1) * 2 > keys.length) {
        grow();
      }
      if (insert(keys, values, hashes, name, value, WireName.hash(name, 0, name.length))) {
        size++;
      }
      return this;
    }

    private boolean insert(byte[][] ks, Object[] vs, int[] hs, byte[] k, Object v, int h) {
      int m = ks.length - 1;
      for (int i = h & m; ; i = (i + 1) & m) {
        if (ks[i] == null) {
          ks[i] = k;
          vs[i] = v;
          hs[i] = h;
          return true;
        }
        if (hs[i] == h && WireName.equals(k, 0, k.length, ks[i])) {
          vs[i] = v;
          return false;
        }
      }
    }

    private void grow() {
      byte[][] ok = keys;
      Object[] ov = values;
      int[] oh = hashes;
      keys = new byte[ok.length * 2][];
      values = new Object[ok.length * 2];
      hashes = new int[ok.length * 2];
      for (int i = 0; i < ok.length; i++) {
        if (ok[i] != null) {
          insert(keys, values, hashes, ok[i], ov[i], oh[i]);
        }
      }
    }

    public NameTable<V> build() {
      return new NameTable<>(keys, values, hashes, size);
    }
  }
}
