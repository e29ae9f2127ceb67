package net.anycastdns.sidecar.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.anycastdns.sidecar.health.Announcement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BIRD driver writes the state file, then runs {@code birdc ... -v configure}. */
class BirdSpeakerTest {
  private static final List<Prefix> PREFIXES =
      List.of(Prefix.parse("192.0.2.53/32"), Prefix.parse("2001:db8:53::53/128"));

  @TempDir Path dir;

  @Test
  void writesTheFileThenReconfigures() throws Exception {
    Path state = dir.resolve("anycast-dns.conf");
    FakeRunner runner =
        new FakeRunner(
            argv -> {
              try {
                assertTrue(
                    Files.readString(state).contains("[ 192.0.2.53/32 ]"),
                    "the file is in place before birdc runs");
              } catch (java.io.IOException e) {
                throw new AssertionError(e);
              }
              return new ProcessRunner.Result(0, "0001 BIRD ready.\n0003 Reconfigured\n");
            });
    BirdSpeaker bird =
        new BirdSpeaker(
            PREFIXES,
            state,
            List.of("birdc", "-s", "/run/bird.ctl"),
            runner,
            Duration.ofSeconds(1));
    bird.apply(Announcement.ANNOUNCED);
    assertEquals(List.of(List.of("birdc", "-s", "/run/bird.ctl", "-v", "configure")), runner.calls);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(state), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void aRefusedConfigurationIsAnError() {
    FakeRunner runner =
        new FakeRunner(
            argv ->
                new ProcessRunner.Result(
                    1, "0001 BIRD ready.\n8002 bird.conf:12:5 syntax error\n"));
    BirdSpeaker bird =
        new BirdSpeaker(
            PREFIXES, dir.resolve("s.conf"), List.of("birdc"), runner, Duration.ofSeconds(1));
    SpeakerException e =
        assertThrows(SpeakerException.class, () -> bird.apply(Announcement.WITHDRAWN));
    assertEquals("birdc configure: bird.conf:12:5 syntax error", e.getMessage());
  }

  @Test
  void anUnwritableStateFileIsAnError() {
    BirdSpeaker bird =
        new BirdSpeaker(
            PREFIXES,
            dir.resolve("missing/s.conf"),
            List.of("birdc"),
            FakeRunner.succeeding("0003 Reconfigured"),
            Duration.ofSeconds(1));
    SpeakerException e =
        assertThrows(SpeakerException.class, () -> bird.apply(Announcement.WITHDRAWN));
    assertTrue(
        e.getMessage().startsWith("cannot write " + dir.resolve("missing/s.conf")), e.getMessage());
  }
}
