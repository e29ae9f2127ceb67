package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file of the zone folder is read whole, whatever its size against the chunks read at once, and
 * whatever size it had when opened.
 */
class ZoneFileReadTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} octets")
  @ValueSource(ints = {0, 1, 8191, 8192, 65535, 65536, 65537, 300_001})
  void readWhole(int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Path file = Files.write(dir.resolve("example.test.zone"), bytes);
    assertArrayEquals(bytes, DirectoryZoneSource.readFile(file));
  }

  /**
   * Longer than its size said when it was opened, as a file written meanwhile is: a file of {@code
   * /proc} has size 0 and content.
   */
  @Test
  void readToItsEndPastTheSizeItHad() throws IOException {
    Path file = Path.of("/proc/self/mountinfo");
    assumeTrue(Files.isReadable(file) && Files.size(file) == 0, "no /proc here");
    byte[] bytes = DirectoryZoneSource.readFile(file);
    assertTrue(bytes.length > 0);
    assertArrayEquals(Files.readAllBytes(file), bytes);
  }
}
