package net.anycastdns.zones.keys;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import net.anycastdns.zones.TestKeys;
import net.anycastdns.zones.ZoneProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

/**
 * Reading a key folder ({@link KeyFolder}): good key pairs of every supported algorithm with their
 * timing, and one line naming the file for each kind of bad input, none of which shows key
 * material.
 */
class KeyFolderTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"8", "13", "15"})
  void readsKeyPairsWithTheirTiming(int algorithm) throws IOException {
    Instant publish = Instant.parse("2026-12-01T00:00:00Z");
    Instant activate = Instant.parse("2026-12-02T00:00:00Z");
    int tag =
        TestKeys.write(
                dir,
                "example.org.",
                algorithm,
                TestKeys.ZSK,
                new TestKeys.Times(publish, activate, null, null))
            .getFootprint();
    KeyFolder.Contents c = KeyFolder.read(dir);
    SigningKey key = c.keys().get(Name.fromConstantString("example.org.")).get(0);
    assertAll(
        () -> assertEquals(List.of(), errors(c)),
        () -> assertEquals(tag, key.tag()),
        () -> assertFalse(key.isKsk()),
        () -> assertEquals(new KeyTiming(publish, activate, null, null), key.timing()),
        () -> assertFalse(key.timing().published(publish.minusSeconds(1))),
        () -> assertTrue(key.timing().published(publish)),
        () -> assertFalse(key.timing().active(publish)),
        () -> assertTrue(key.timing().active(activate)),
        () -> assertEquals(activate, key.timing().nextEvent(publish)));
  }

  /** Each bad file: the line reported, with {@code TAG} for the key's tag. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage|Kexample.org.+013+TAG.private:4: not a 'Field: value' line",
        "Algorithm: 5 (RSASHA1)|Kexample.org.+013+TAG.private:0: algorithm 5 is not supported"
            + " (use 8 RSASHA256, 10 RSASHA512, 13 ECDSAP256SHA256, 14 ECDSAP384SHA384,"
            + " 15 ED25519 or 16 ED448)",
        "Algorithm: 15 (ED25519)|Kexample.org.+013+TAG.private:0: algorithm 15 in the file, 13"
            + " in its name and 13 in Kexample.org.+013+TAG.key disagree",
        "PrivateKey: !!!|Kexample.org.+013+TAG.private:0: PrivateKey: not Base64",
        "PrivateKey: AAAA|Kexample.org.+013+TAG.private:0: the private key does not belong to the"
            + " DNSKEY of Kexample.org.+013+TAG.key",
        "Activate: tomorrow|Kexample.org.+013+TAG.private:0: Activate: not a time"
            + " YYYYMMDDHHMMSS (UTC): 'tomorrow'",
      })
  void badPrivateFiles(String line, String expected) throws IOException {
    int tag =
        TestKeys.write(dir, "example.org.", 13, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    Path file = dir.resolve(String.format("Kexample.org.+013+%05d.private", tag));
    String text = Files.readString(file);
    String field = line.substring(0, Math.max(0, line.indexOf(':')));
    String changed =
        field.isEmpty() || !text.contains(field + ":")
            ? text + line + "\n"
            : text.replaceAll("(?m)^" + field + ":.*$", line.replace("$", "\\$"));
    Files.writeString(file, changed);
    KeyFolder.Contents c = KeyFolder.read(dir);
    String tagText = String.format("%05d", tag);
    assertEquals(
        List.of(dir + "/" + expected.replace("TAG", tagText)),
        c.zoneErrors().get(Name.fromConstantString("example.org.")).stream()
            .map(ZoneProblem::toString)
            .toList());
    assertFalse(c.keys().containsKey(Name.fromConstantString("example.org.")));
  }

  @Test
  void aPrivateFileWithoutItsKeyFile() throws IOException {
    int tag =
        TestKeys.write(dir, "example.org.", 13, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    String base = String.format("Kexample.org.+013+%05d", tag);
    Files.delete(dir.resolve(base + ".key"));
    KeyFolder.Contents c = KeyFolder.read(dir);
    assertEquals(
        List.of(dir + "/" + base + ".private:0: no " + base + ".key beside it"),
        c.zoneErrors().get(Name.fromConstantString("example.org.")).stream()
            .map(ZoneProblem::toString)
            .toList());
  }

  @Test
  void keysOfAnotherPairDisagree() throws IOException {
    Path other = Files.createDirectory(dir.resolve("other"));
    int a =
        TestKeys.write(dir, "example.org.", 13, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    int b =
        TestKeys.write(other, "example.org.", 13, TestKeys.KSK, TestKeys.Times.NONE).getFootprint();
    Files.copy(
        other.resolve(String.format("Kexample.org.+013+%05d.private", b)),
        dir.resolve(String.format("Kexample.org.+013+%05d.private", a)),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    KeyFolder.Contents c = KeyFolder.read(dir);
    assertTrue(
        c.zoneErrors()
            .get(Name.fromConstantString("example.org."))
            .get(0)
            .message()
            .startsWith("the private key does not belong to the DNSKEY"));
  }

  @Test
  void aFolderOthersCanReadIsWarnedAbout() throws IOException {
    TestKeys.write(dir, "example.org.", 13, TestKeys.KSK, TestKeys.Times.NONE);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    KeyFolder.Contents c = KeyFolder.read(dir);
    assertTrue(
        c.problems().stream()
            .anyMatch(
                p ->
                    !p.isError() && p.message().startsWith("the key folder is readable by others")),
        c.problems().toString());
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      }
    }
    assertEquals(List.of(), KeyFolder.read(dir).problems());
  }

  @Test
  void aKeyPrintsAsItsFileNeverItsSecret() throws IOException {
    TestKeys.write(dir, "example.org.", 15, TestKeys.KSK, TestKeys.Times.NONE);
    SigningKey key = KeyFolder.read(dir).keys().values().iterator().next().get(0);
    assertTrue(key.toString().matches("Kexample\\.org\\.\\+015\\+\\d{5}\\.private \\(KSK \\d+\\)"));
  }

  private static List<ZoneProblem> errors(KeyFolder.Contents c) {
    return c.zoneErrors().values().stream().flatMap(List::stream).toList();
  }
}
