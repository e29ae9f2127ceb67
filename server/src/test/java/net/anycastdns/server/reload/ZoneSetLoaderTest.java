package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.anycastdns.server.config.ZonePolicies;
import net.anycastdns.zones.ZoneProblem;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;

/**
 * What the loader takes and refuses, on revisions made in memory: the strict rule of reloads, the
 * lenient rule of the first load, zones added and removed, and the checks of other files.
 */
class ZoneSetLoaderTest {
  /** Loads {@code r} beside {@code current} with the default policies and no PoP. */
  static ZoneSetLoader.Load load(
      Revision r, ServedRevision current, ZoneSetLoader.Mode mode, long generation) {
    return ZoneSetLoader.load(r, current, ZonePolicies.DEFAULTS, null, mode, generation);
  }

  @Test
  void strictRefusesTheRevisionLenientLeavesTheZoneOut() {
    Revision r =
        revision(
            Map.of("good.test.zone", TestZones.zone(1, "g"), "bad.test.zone", TestZones.broken(1)));

    ZoneSetLoader.Load strict = load(r, ServedRevision.EMPTY, ZoneSetLoader.Mode.STRICT, 1);
    assertTrue(strict.refused());
    assertEquals("bad.test.zone:5", where(strict.errors().get(0)));

    ZoneSetLoader.Load lenient = load(r, ServedRevision.EMPTY, ZoneSetLoader.Mode.LENIENT, 1);
    assertFalse(lenient.refused());
    assertEquals(List.of("good.test."), origins(lenient.state()));
    assertEquals(1, lenient.errors().size());
  }

  @Test
  void addedChangedAndRemovedZones() {
    ServedRevision before =
        load(
                revision(
                    Map.of(
                        "a.test.zone",
                        TestZones.zone(1, "a"),
                        "b.test.zone",
                        TestZones.zone(1, "b"))),
                ServedRevision.EMPTY,
                ZoneSetLoader.Mode.STRICT,
                1)
            .state();

    ZoneSetLoader.Load next =
        load(
            revision(
                Map.of(
                    "a.test.zone", TestZones.zone(2, "a"), "c.test.zone", TestZones.zone(9, "c"))),
            before,
            ZoneSetLoader.Mode.STRICT,
            2);

    assertEquals(
        List.of("a.test. serial 1 -> 2", "c.test. added (serial 9)", "b.test. removed"),
        next.changes().stream().map(ZoneChange::toString).toList());
    assertEquals(List.of("a.test.", "c.test."), origins(next.state()));
    assertEquals(2, next.state().zones().generation());
  }

  @Test
  void aRevisionWithoutZonesIsRefused() {
    ZoneSetLoader.Load load =
        load(
            revision(Map.of("README.md", "moved to zones/\n")),
            ServedRevision.EMPTY,
            ZoneSetLoader.Mode.STRICT,
            1);
    assertTrue(load.refused());
    assertTrue(
        load.errors().get(0).message().startsWith("no NAME.zone file in "),
        load.errors().toString());
  }

  @Test
  void oneZoneInTwoFilesIsRefused() {
    ZoneSetLoader.Load load =
        load(
            revision(
                Map.of(
                    "example.test.zone",
                    TestZones.zone(1, "a"),
                    "EXAMPLE.test.zone",
                    TestZones.zone(1, "b"))),
            ServedRevision.EMPTY,
            ZoneSetLoader.Mode.STRICT,
            1);
    assertTrue(load.refused());
    assertTrue(load.errors().get(0).message().contains("is also in"), load.errors().toString());
  }

  @Test
  void problemsOfTheRevisionRefuseIt() {
    Revision r =
        new Revision(
            "c0ffee",
            "c0ffee",
            revision(Map.of("a.test.zone", TestZones.zone(1, "a"))).files(),
            List.of(ZoneProblem.error("zones", 0, "no folder zones in commit c0ffee")));
    assertTrue(load(r, ServedRevision.EMPTY, ZoneSetLoader.Mode.STRICT, 1).refused());
  }

  /** A revision of these files, with their real blob ids. */
  static Revision revision(Map<String, String> files) {
    ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
    List<SourceFile> list = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    new TreeMap<>(files)
        .forEach(
            (name, text) -> {
              byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
              String id = ids.idFor(Constants.OBJ_BLOB, bytes).name();
              list.add(new SourceFile(name, name, id, () -> bytes));
              all.append(name).append(id);
            });
    String id =
        ids.idFor(Constants.OBJ_BLOB, all.toString().getBytes(StandardCharsets.UTF_8)).name();
    return new Revision(id, null, list, List.of());
  }

  private static String where(ZoneProblem p) {
    return p.file() + ":" + p.line();
  }

  private static List<String> origins(ServedRevision s) {
    return s.zones().zones().stream().map(z -> z.origin().toString()).toList();
  }
}
