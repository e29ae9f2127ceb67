package net.anycastdns.zones;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Loads every {@code NAME.zone} file of a folder as zone {@code NAME.}: parse, check, compile. A
 * zone with errors is left out and its problems reported; the other zones still load.
 */
public final class ZoneDirectoryLoader {
  private static final String SUFFIX = ".zone";

  private ZoneDirectoryLoader() {}

  /** Outcome of loading one file. */
  public record ZoneLoad(String file, Name origin, ZoneSnapshot zone, List<ZoneProblem> problems) {
    /** True when the zone compiled and can be served. */
    public boolean ok() {
      return zone != null;
    }
  }

  /** Outcome of loading a folder. */
  public record DirectoryLoad(List<ZoneLoad> zones) {
    /** The zones that loaded. */
    public List<ZoneSnapshot> snapshots() {
      return zones.stream().filter(ZoneLoad::ok).map(ZoneLoad::zone).toList();
    }

    /** Every problem, errors and warnings, in file order. */
    public List<ZoneProblem> problems() {
      return zones.stream().flatMap(z -> z.problems().stream()).toList();
    }

    /** True when no file had an error. */
    public boolean allLoaded() {
      return zones.stream().allMatch(ZoneLoad::ok);
    }
  }

  /**
   * Loads the folder.
   *
   * @throws IOException when the folder itself cannot be read
   */
  public static DirectoryLoad load(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    }
    files.sort(null);
    // Zones are independent: many small ones load on every core at once.
    return new DirectoryLoad(files.parallelStream().map(ZoneDirectoryLoader::loadFile).toList());
  }

  /** Loads one file; its zone name is the file name without {@code .zone}. */
  public static ZoneLoad loadFile(Path file) {
    String display = file.getFileName().toString();
    Name origin;
    try {
      origin = origin(display);
    } catch (TextParseException e) {
      return notAZoneName(display, e);
    }
    byte[] text;
    try {
      text = Files.readAllBytes(file);
    } catch (IOException e) {
      return new ZoneLoad(
          display,
          origin,
          null,
          List.of(ZoneProblem.error(display, 0, "cannot read: " + e.getMessage())));
    }
    return load(display, origin, text);
  }

  /**
   * Loads the text of the file named {@code fileName} ({@code NAME.zone}) as zone {@code NAME.},
   * wherever the text came from (a folder, a git commit).
   */
  public static ZoneLoad load(String fileName, byte[] text) {
    try {
      return load(fileName, origin(fileName), text);
    } catch (TextParseException e) {
      return notAZoneName(fileName, e);
    }
  }

  /** Whether a file of this name is loaded as a zone: {@code NAME.zone}. */
  public static boolean isZoneFile(String fileName) {
    return fileName.endsWith(SUFFIX);
  }

  private static Name origin(String fileName) throws TextParseException {
    return Name.fromString(fileName.substring(0, fileName.length() - SUFFIX.length()), Name.root);
  }

  private static ZoneLoad notAZoneName(String fileName, TextParseException e) {
    return new ZoneLoad(
        fileName,
        null,
        null,
        List.of(ZoneProblem.error(fileName, 0, "file name is not a zone name: " + e.getMessage())));
  }

  /**
   * Loads zone {@code origin} from the text of a master file; {@code file} names it in problems.
   * Every problem is reported, syntax errors and the checks of the records that did parse, so that
   * one bad line does not hide the next; a zone with any error is not compiled.
   */
  public static ZoneLoad load(String file, Name origin, byte[] text) {
    List<ZoneProblem> problems = new ArrayList<>();
    ScannedRecords records = ZoneText.scan(file, text, WireName.caseKept(origin), problems);
    ZoneDraft draft = ZoneDraft.of(file, origin, records);
    problems.addAll(ZoneChecks.check(draft));
    if (problems.stream().anyMatch(ZoneProblem::isError)) {
      return new ZoneLoad(file, origin, null, List.copyOf(problems));
    }
    return new ZoneLoad(file, origin, ZoneCompiler.compile(draft), List.copyOf(problems));
  }
}
