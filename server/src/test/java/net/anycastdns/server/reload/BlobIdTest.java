package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A folder's files, and the folder itself, are named by the ids git (and JGit) give them; what is
 * not a file (a folder of keys) is no part of it.
 */
class BlobIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "a", "$TTL 300\n@ SOA ns1 hostmaster 1 3600 900 1209600 300\n"})
  void theBlobIdGitGives(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes),
        DirectoryZoneSource.blobId(bytes));
  }

  @Test
  void theTreeIdGitGives(@TempDir Path dir) throws IOException {
    byte[] a = "a\n".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "b\n".getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve("a.test.zone"), a);
    Files.write(dir.resolve("b.test.zone"), b);
    Files.write(Files.createDirectory(dir.resolve("keys")).resolve("c.test.zone"), a);
    ObjectInserter.Formatter git = new ObjectInserter.Formatter();
    TreeFormatter tree = new TreeFormatter();
    tree.append("a.test.zone", FileMode.REGULAR_FILE, git.idFor(Constants.OBJ_BLOB, a));
    tree.append("b.test.zone", FileMode.REGULAR_FILE, git.idFor(Constants.OBJ_BLOB, b));
    Revision read = new DirectoryZoneSource(dir).latest();
    assertEquals(tree.computeId(git).name(), read.id());
    assertEquals(
        List.of("a.test.zone", "b.test.zone"),
        read.files().stream().map(SourceFile::name).toList());
    assertEquals(List.of(), read.problems());
  }
}
