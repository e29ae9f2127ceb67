package net.anycastdns.server.reload;

import java.io.IOException;

/**
 * One file of a {@link Revision}.
 *
 * @param name the file's name in the zone folder ({@code example.com.zone}, {@code geo.yaml})
 * @param path how problems name it: the path in the repository, or the name in a folder
 * @param blobId the git blob id of its content (what {@code git hash-object} prints), so that a
 *     file whose id did not change is known to be unchanged without reading it
 * @param content reads the file's bytes; called only for files that changed
 */
public record SourceFile(String name, String path, String blobId, Content content) {
  /** Reads the bytes of a file. */
  @FunctionalInterface
  public interface Content {
    byte[] read() throws IOException;
  }
}
