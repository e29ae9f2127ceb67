package net.anycastdns.server.reload;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.anycastdns.zones.ZoneProblem;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * A zone folder on disk ({@code --zones DIR}). Each read takes every regular file directly in the
 * folder and names its content by git blob id, so an unchanged file is known by its content,
 * whatever its modification time says (a size and mtime check misses an edit within the same
 * second, and a {@code touch} would force a parse for nothing). Reading a file costs milliseconds;
 * parsing it, seconds for a large zone.
 */
public final class DirectoryZoneSource implements ZoneSource {
  /** Octets asked of the kernel at a time by {@link #readFile}. */
  private static final int CHUNK = 1 << 16;

  /** The largest array the JVM allocates everywhere, and so the largest zone file read. */
  private static final int MAX_FILE = Integer.MAX_VALUE - 8;

  /**
   * A digest for each thread that hashes files, reused: looking one up by name costs more than
   * hashing a small zone file (ten thousand files: 0.1 to 0.2 s more CPU per start).
   */
  private static final ThreadLocal<MessageDigest> SHA1 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JDK has SHA-1", e);
            }
          });

  private final Path dir;

  public DirectoryZoneSource(Path dir) {
    this.dir = dir;
  }

  @Override
  public String describe() {
    return dir.toString();
  }

  @Override
  public Revision latest() throws IOException {
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(paths::add);
    } catch (IOException e) {
      throw new IOException("cannot read zone folder " + dir + ": " + e.getMessage(), e);
    }
    paths.sort(null);
    // Told apart from folders and read and hashed on every core: ten thousand small files take
    // half a second on one.
    List<Read> reads = paths.parallelStream().map(DirectoryZoneSource::read).toList();
    TreeFormatter tree = new TreeFormatter();
    List<SourceFile> files = new ArrayList<>();
    List<ZoneProblem> problems = new ArrayList<>();
    for (Read r : reads) {
      if (r == null) {
        continue;
      }
      if (r.error() != null) {
        problems.add(ZoneProblem.error(r.name(), 0, "cannot read: " + r.error()));
        continue;
      }
      tree.append(r.name(), FileMode.REGULAR_FILE, r.blob());
      byte[] bytes = r.bytes();
      files.add(new SourceFile(r.name(), r.name(), r.blob().name(), () -> bytes));
    }
    return new Revision(
        objectId(Constants.OBJ_TREE, tree.toByteArray()).name(), null, files, problems);
  }

  /** One file as read: its bytes and blob id, or why it could not be read. */
  private record Read(String name, byte[] bytes, ObjectId blob, String error) {}

  /** The file at {@code p} as read, or null for anything but a regular file. */
  private static Read read(Path p) {
    if (!Files.isRegularFile(p)) {
      return null;
    }
    String name = p.getFileName().toString();
    try {
      byte[] bytes = readFile(p);
      return new Read(name, bytes, blobId(bytes), null);
    } catch (IOException e) {
      return new Read(name, null, null, e.getMessage());
    }
  }

  /**
   * The whole file at {@code p}, read straight into one array, {@link #CHUNK} octets at a time.
   * {@code Files.readAllBytes} reads through a direct buffer as large as the file, which NIO then
   * keeps for the thread (the 28 MB file of a 1,000,000-name zone: 28 MB that the reload thread
   * held for good, handed over by the kernel page by page, 0.13 s of a start); {@code
   * FileInputStream.readAllBytes} copies it through a native buffer as large. A file that grows or
   * shrinks while it is read is read to its end, as those do.
   */
  static byte[] readFile(Path p) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
      long length = f.length();
      if (length > MAX_FILE) {
        throw new IOException("larger than 2 GB");
      }
      byte[] bytes = new byte[(int) length];
      int n = 0;
      while (true) {
        while (n < bytes.length) {
          int r = f.read(bytes, n, Math.min(CHUNK, bytes.length - n));
          if (r < 0) {
            return Arrays.copyOf(bytes, n);
          }
          n += r;
        }
        int next = f.read();
        if (next < 0) {
          return bytes;
        }
        if (bytes.length == MAX_FILE) {
          throw new IOException("larger than 2 GB");
        }
        long grown = (long) bytes.length + Math.max(CHUNK, bytes.length / 2);
        bytes = Arrays.copyOf(bytes, (int) Math.min(grown, MAX_FILE));
        bytes[n++] = (byte) next;
      }
    }
  }

  /**
   * The git blob id of {@code bytes}, what {@code git hash-object} prints: SHA-1 of {@code "blob
   * LENGTH\0"} and the bytes. The JDK's SHA-1 (an intrinsic) rather than JGit's collision-detecting
   * one, which takes about a second for a 25 MB zone file; a collision here would only make a
   * changed file look unchanged to a reload, and SHA-1 stays git's own name for it.
   */
  static ObjectId blobId(byte[] bytes) {
    return objectId(Constants.OBJ_BLOB, bytes);
  }

  /**
   * The git id of an object of {@code type} holding {@code bytes}, as {@link #blobId} makes it: the
   * folder's tree too (ten thousand files make a 400 KB tree).
   */
  private static ObjectId objectId(int type, byte[] bytes) {
    MessageDigest sha1 = SHA1.get();
    sha1.update(Constants.encodedTypeString(type));
    sha1.update((byte) ' ');
    sha1.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha1.update((byte) 0);
    return ObjectId.fromRaw(sha1.digest(bytes));
  }

  /** A folder keeps no history: after a restart it is read as it is. */
  @Override
  public Optional<Revision> lastServed() {
    return Optional.empty();
  }

  @Override
  public void served(Revision revision) {
    // Nothing to record: the folder itself is what is served.
  }

  @Override
  public void close() {
    // Nothing held open between reads.
  }
}
