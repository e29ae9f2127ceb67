package net.anycastdns.zones;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Loads every {@code NAME.zone} file of a folder as zone {@code NAME.}: parse, check, compile. A
 * zone with errors is left out and its problems reported; the other zones still load.
 */
public final class ZoneDirectoryLoader {
  private static final String SUFFIX = ".zone";

  private ZoneDirectoryLoader() {}

  /**
   * How a load checks zones: the time signatures are judged at, and whether every signature is also
   * verified cryptographically (for {@code check}; too slow to repeat at every reload).
   */
  public record Options(Clock clock, boolean verifySignatures) {
    /** What {@code serve} does at startup and on reloads. */
    public static final Options SERVE = new Options(Clock.systemUTC(), false);

    /** What {@code check} does: {@link #SERVE}, and every signature verified. */
    public static final Options CHECK = new Options(Clock.systemUTC(), true);
  }

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
    return load(fileName, text, Options.SERVE);
  }

  /** Loads the text of the file named {@code fileName} as zone {@code NAME.}, checked as told. */
  public static ZoneLoad load(String fileName, byte[] text, Options options) {
    try {
      return load(fileName, origin(fileName), text, options);
    } catch (TextParseException e) {
      return notAZoneName(fileName, e);
    }
  }

  /** The zone a file of this name holds ({@code NAME.}), or null when the name is not one. */
  public static Name zoneName(String fileName) {
    try {
      return isZoneFile(fileName) ? origin(fileName) : null;
    } catch (TextParseException e) {
      return null;
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
    return load(file, origin, text, Options.SERVE);
  }

  /** Loads zone {@code origin} as {@link #load(String, Name, byte[])} does, checked as told. */
  public static ZoneLoad load(String file, Name origin, byte[] text, Options options) {
    return load(file, origin, text, options, null);
  }

  /**
   * Loads the text of the file named {@code fileName} ({@code NAME.zone}) as {@link #load(String,
   * byte[], Options)} does, and signs the zone with {@code signing} (see {@link #load(String, Name,
   * byte[], Options, ZoneSigning)}).
   */
  public static ZoneLoad load(String fileName, byte[] text, Options options, ZoneSigning signing) {
    try {
      return load(fileName, origin(fileName), text, options, signing);
    } catch (TextParseException e) {
      return notAZoneName(fileName, e);
    }
  }

  /**
   * Loads zone {@code origin}, checked as told, and signed with {@code signing} unless that is null
   * or the zone arrived signed; the signed zone passes the same checks as one that arrived signed.
   */
  public static ZoneLoad load(
      String file, Name origin, byte[] text, Options options, ZoneSigning signing) {
    List<ZoneProblem> problems = new ArrayList<>();
    ScannedRecords records = ZoneText.scan(file, text, WireName.caseKept(origin), problems);
    ZoneDraft draft = ZoneDraft.of(file, origin, records);
    problems.addAll(ZoneChecks.check(draft));
    if (problems.stream().anyMatch(ZoneProblem::isError)) {
      return new ZoneLoad(file, origin, null, List.copyOf(problems));
    }
    ZoneSnapshot zone;
    try {
      zone = ZoneCompiler.compile(draft, signing);
    } catch (ZoneSigner.SigningException e) {
      problems.add(ZoneProblem.error(file, 0, "zone " + origin + ": " + e.getMessage()));
      return new ZoneLoad(file, origin, null, List.copyOf(problems));
    }
    SignedZoneChecks.RecordLines lines = keys -> lines(file, origin, text, keys);
    // A zone signed here is made to pass these checks (ZoneSignerTest holds it to them for every
    // algorithm and denial), so serving does not check its own signing again, as Knot does not
    // unless dnssec-validation is on: on 1,000,000 names they were a third of a reload's time.
    // check (verifySignatures) still runs them, and verifies every signature besides.
    boolean signedHere = zone.dnssec() != null && zone.dnssec().online() != null;
    if (!signedHere || options.verifySignatures()) {
      problems.addAll(SignedZoneChecks.check(zone, options.clock().instant(), lines));
    }
    if (options.verifySignatures()) {
      int cores = Runtime.getRuntime().availableProcessors();
      problems.addAll(SignedZoneChecks.verifySignatures(zone, lines, cores));
    }
    if (problems.stream().anyMatch(ZoneProblem::isError)) {
      return new ZoneLoad(file, origin, null, List.copyOf(problems));
    }
    return new ZoneLoad(file, origin, zone, List.copyOf(problems));
  }

  /**
   * The lines of the records {@code keys} name, found by scanning the text again: only a zone with
   * problems after compiling pays for it, and the compiled zone keeps no lines.
   */
  private static Map<SignedZoneChecks.RecordKey, Integer> lines(
      String file, Name origin, byte[] text, Set<SignedZoneChecks.RecordKey> keys) {
    Map<ByteBuffer, List<SignedZoneChecks.RecordKey>> byOwner = new HashMap<>();
    for (SignedZoneChecks.RecordKey k : keys) {
      byOwner
          .computeIfAbsent(ByteBuffer.wrap(WireName.of(k.owner())), o -> new ArrayList<>())
          .add(k);
    }
    ScannedRecords records =
        ZoneText.scan(file, text, WireName.caseKept(origin), new ArrayList<>());
    byte[] names = records.names();
    byte[] rdata = records.rdata();
    Map<SignedZoneChecks.RecordKey, Integer> found = new HashMap<>();
    for (int i = 0; i < records.size() && found.size() < keys.size(); i++) {
      int from = records.ownerOffset(i);
      int to = from;
      while (names[to] != 0) {
        to = WireName.nextLabel(names, to);
      }
      byte[] owner = WireName.lowerCopy(Arrays.copyOfRange(names, from, to + 1));
      List<SignedZoneChecks.RecordKey> wanted = byOwner.get(ByteBuffer.wrap(owner));
      if (wanted == null) {
        continue;
      }
      int type = records.type(i);
      int covered = type == Type.RRSIG ? DnssecRdata.u16(rdata, records.rdataStart(i)) : 0;
      for (SignedZoneChecks.RecordKey k : wanted) {
        // Type 0 stands for the owner's first record, whatever its type.
        if (k.type() == 0 || (k.type() == type && k.covered() == covered)) {
          found.putIfAbsent(k, records.line(i));
        }
      }
    }
    return found;
  }
}
