package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A folder's files are named by the same blob ids git (and JGit) give them. */
class BlobIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "a", "$TTL 300\n@ SOA ns1 hostmaster 1 3600 900 1209600 300\n"})
  void theBlobIdGitGives(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes),
        DirectoryZoneSource.blobId(bytes));
  }
}
