package net.anycastdns.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.anycastdns.common.IpPrefix;

/**
 * Writes small MaxMind DB files for tests, so no downloaded database ships with the project. The
 * format (MaxMind DB 2.0): a binary search tree of nodes with two records each (24 or 28 bits
 * here), a record being a node number, the node count for "no data", or a pointer into the data
 * section after a 16-octet zero separator; then the data section; then the marker {@code
 * \xAB\xCD\xEFMaxMind.com} and the metadata map.
 */
final class MmdbWriter {
  private static final byte[] METADATA_MARKER = {
    (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
  };

  /** Unsigned integers of the format's widths; a bare Java number would be ambiguous. */
  record U16(int value) {}

  record U32(long value) {}

  record U64(long value) {}

  private static final class TreeNode {
    private final Object[] records = new Object[2];
  }

  private record DataRef(int offset) {}

  private final int ipVersion;
  private final int recordSize;
  private final List<Map.Entry<IpPrefix, Map<String, Object>>> entries = new ArrayList<>();

  MmdbWriter(int ipVersion, int recordSize) {
    if (recordSize != 24 && recordSize != 28) {
      throw new IllegalArgumentException("record size 24 or 28");
    }
    this.ipVersion = ipVersion;
    this.recordSize = recordSize;
  }

  /** A City-schema record: {@code location.latitude} and {@code location.longitude}. */
  MmdbWriter city(String cidr, String name, double lat, double lon) {
    Map<String, Object> location = new LinkedHashMap<>();
    location.put("latitude", lat);
    location.put("longitude", lon);
    location.put("accuracy_radius", new U16(20));
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("city", Map.of("names", Map.of("en", name)));
    record.put("location", location);
    return add(cidr, record);
  }

  MmdbWriter add(String cidr, Map<String, Object> data) {
    entries.add(Map.entry(IpPrefix.parse(cidr), data));
    return this;
  }

  Path write(Path file) {
    try {
      return Files.write(file, build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] build() {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    TreeNode root = new TreeNode();
    List<Map.Entry<IpPrefix, Map<String, Object>>> sorted = new ArrayList<>(entries);
    // Shorter networks first: a longer one inserted later splits the shorter one's record.
    sorted.sort(Comparator.comparingInt(e -> e.getKey().length()));
    for (Map.Entry<IpPrefix, Map<String, Object>> e : sorted) {
      DataRef ref = new DataRef(data.size());
      writeValue(data, e.getValue());
      insert(root, treeBits(e.getKey()), ref);
    }

    List<TreeNode> nodes = new ArrayList<>();
    Map<TreeNode, Integer> ids = new IdentityHashMap<>();
    ArrayDeque<TreeNode> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      TreeNode n = queue.poll();
      ids.put(n, nodes.size());
      nodes.add(n);
      for (Object r : n.records) {
        if (r instanceof TreeNode child) {
          queue.add(child);
        }
      }
    }
    long nodeCount = nodes.size();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TreeNode n : nodes) {
      long left = recordValue(n.records[0], ids, nodeCount);
      long right = recordValue(n.records[1], ids, nodeCount);
      if (recordSize == 24) {
        writeBig(out, left, 3);
        writeBig(out, right, 3);
      } else {
        writeBig(out, left & 0xFFFFFF, 3);
        out.write((int) (((left >>> 24) & 0x0F) << 4 | ((right >>> 24) & 0x0F)));
        writeBig(out, right & 0xFFFFFF, 3);
      }
    }
    out.writeBytes(new byte[16]);
    out.writeBytes(data.toByteArray());
    out.writeBytes(METADATA_MARKER);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("node_count", new U32(nodeCount));
    meta.put("record_size", new U16(recordSize));
    meta.put("ip_version", new U16(ipVersion));
    meta.put("database_type", "Test-City");
    meta.put("languages", List.of("en"));
    meta.put("binary_format_major_version", new U16(2));
    meta.put("binary_format_minor_version", new U16(0));
    meta.put("build_epoch", new U64(1_700_000_000L));
    meta.put("description", Map.of("en", "anycast-dns test database"));
    writeValue(out, meta);
    return out.toByteArray();
  }

  /** The bits that lead to a network: IPv4 sits at {@code ::/96} of an IPv6 tree. */
  private int[] treeBits(IpPrefix p) {
    byte[] a = p.address();
    int offset = ipVersion == 6 && a.length == 4 ? 96 : 0;
    if (ipVersion == 4 && a.length == 16) {
      throw new IllegalArgumentException("IPv6 network in an IPv4 database: " + p);
    }
    int[] bits = new int[offset + p.length()];
    for (int i = 0; i < p.length(); i++) {
      bits[offset + i] = IpPrefix.bit(a, i);
    }
    return bits;
  }

  private static void insert(TreeNode root, int[] bits, DataRef ref) {
    TreeNode n = root;
    for (int i = 0; i < bits.length - 1; i++) {
      Object r = n.records[bits[i]];
      if (r instanceof TreeNode child) {
        n = child;
      } else {
        TreeNode split = new TreeNode();
        split.records[0] = r;
        split.records[1] = r;
        n.records[bits[i]] = split;
        n = split;
      }
    }
    n.records[bits[bits.length - 1]] = ref;
  }

  private static long recordValue(Object r, Map<TreeNode, Integer> ids, long nodeCount) {
    if (r == null) {
      return nodeCount;
    }
    if (r instanceof TreeNode n) {
      return ids.get(n);
    }
    return nodeCount + 16 + ((DataRef) r).offset();
  }

  // ---- data section encoding

  private static void writeValue(ByteArrayOutputStream out, Object v) {
    if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      control(out, 2, b.length);
      out.writeBytes(b);
    } else if (v instanceof Double d) {
      control(out, 3, 8);
      writeBig(out, Double.doubleToLongBits(d), 8);
    } else if (v instanceof U16 u) {
      unsigned(out, 5, u.value());
    } else if (v instanceof U32 u) {
      unsigned(out, 6, u.value());
    } else if (v instanceof U64 u) {
      unsigned(out, 9, u.value());
    } else if (v instanceof Map<?, ?> m) {
      control(out, 7, m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        writeValue(out, (String) e.getKey());
        writeValue(out, e.getValue());
      }
    } else if (v instanceof List<?> l) {
      control(out, 11, l.size());
      l.forEach(item -> writeValue(out, item));
    } else {
      throw new IllegalArgumentException("cannot encode " + v);
    }
  }

  /** An unsigned integer in as few octets as it needs (0 octets for 0). */
  private static void unsigned(ByteArrayOutputStream out, int type, long value) {
    int octets = 0;
    for (long v = value; v != 0; v >>>= 8) {
      octets++;
    }
    control(out, type, octets);
    writeBig(out, value, octets);
  }

  /**
   * The control byte: type in the top 3 bits (0 = extended, the type minus 7 in the next octet),
   * size in the low 5; sizes from 29 on continue in 1 to 3 more octets.
   */
  private static void control(ByteArrayOutputStream out, int type, int size) {
    int first = type <= 7 ? type << 5 : 0;
    byte[] extra;
    if (size < 29) {
      first |= size;
      extra = new byte[0];
    } else if (size < 285) {
      first |= 29;
      extra = new byte[] {(byte) (size - 29)};
    } else if (size < 65_821) {
      first |= 30;
      extra = new byte[] {(byte) ((size - 285) >>> 8), (byte) (size - 285)};
    } else {
      first |= 31;
      int s = size - 65_821;
      extra = new byte[] {(byte) (s >>> 16), (byte) (s >>> 8), (byte) s};
    }
    out.write(first);
    if (type > 7) {
      out.write(type - 7);
    }
    out.writeBytes(extra);
  }

  private static void writeBig(ByteArrayOutputStream out, long v, int octets) {
    for (int i = octets - 1; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)));
    }
  }
}
