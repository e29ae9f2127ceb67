package net.anycastdns.sidecar.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.anycastdns.sidecar.health.Announcement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command driver runs the operator's argument lists once per prefix with the placeholders
 * filled in, and never through a shell.
 */
class CommandSpeakerTest {
  private static final List<Prefix> PREFIXES =
      List.of(Prefix.parse("192.0.2.53/32"), Prefix.parse("2001:db8:53::53/128"));
  private static final List<String> ANNOUNCE =
      List.of("route-ctl", "add", "{prefix}", "-f", "{family}");
  private static final List<String> WITHDRAW = List.of("route-ctl", "del", "--net={prefix}");
  private static final List<String> DRAIN =
      List.of("route-ctl", "add", "{prefix}", "-c", "65535:0");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      ANNOUNCED         | route-ctl add 192.0.2.53/32 -f ipv4       | route-ctl add 2001:db8:53::53/128 -f ipv6
      WITHDRAWN         | route-ctl del --net=192.0.2.53/32         | route-ctl del --net=2001:db8:53::53/128
      GRACEFUL_SHUTDOWN | route-ctl add 192.0.2.53/32 -c 65535:0    | route-ctl add 2001:db8:53::53/128 -c 65535:0
      """)
  void placeholdersAreFilledPerPrefix(Announcement state, String first, String second)
      throws Exception {
    FakeRunner runner = FakeRunner.succeeding("");
    new CommandSpeaker(
            PREFIXES, ANNOUNCE, WITHDRAW, Optional.of(DRAIN), runner, Duration.ofSeconds(1))
        .apply(state);
    assertEquals(List.of(List.of(first.split(" ")), List.of(second.split(" "))), runner.calls);
    assertEquals(
        Map.of(
            "ANYCAST_DNS_PREFIX",
            "192.0.2.53/32",
            "ANYCAST_DNS_FAMILY",
            "ipv4",
            "ANYCAST_DNS_STATE",
            state.label()),
        runner.environments.get(0));
  }

  @Test
  void withoutADrainCommandDrainAnnouncesPlainly() throws Exception {
    FakeRunner runner = FakeRunner.succeeding("");
    new CommandSpeaker(
            PREFIXES, ANNOUNCE, WITHDRAW, Optional.empty(), runner, Duration.ofSeconds(1))
        .apply(Announcement.GRACEFUL_SHUTDOWN);
    assertEquals("add", runner.calls.get(0).get(1));
  }

  @Test
  void argumentsReachTheProgramVerbatimWithoutAShell() throws Exception {
    Path out = dir.resolve("args");
    // If a shell read the argument list, "$(touch ...)" would run and ";" would split it.
    Path canary = dir.resolve("canary");
    List<String> announce =
        List.of(
            "/bin/sh",
            "-c",
            "printf '%s\\n' \"$@\" > " + out,
            "sh",
            "{prefix}",
            "$(touch " + canary + "); x",
            "{family}");
    new CommandSpeaker(
            List.of(Prefix.parse("192.0.2.53/32")),
            announce,
            WITHDRAW,
            Optional.empty(),
            new ProcessRunner(),
            Duration.ofSeconds(5))
        .apply(Announcement.ANNOUNCED);
    assertEquals(
        List.of("192.0.2.53/32", "$(touch " + canary + "); x", "ipv4"), Files.readAllLines(out));
    assertTrue(Files.notExists(canary));
  }

  @Test
  void aNonZeroExitIsAnErrorWithTheOutput() {
    List<String> failing =
        List.of("/bin/sh", "-c", "echo no route to host >&2; exit 3", "sh", "{prefix}");
    SpeakerException e =
        assertThrows(
            SpeakerException.class,
            () ->
                new CommandSpeaker(
                        List.of(Prefix.parse("192.0.2.53/32")),
                        failing,
                        failing,
                        Optional.empty(),
                        new ProcessRunner(),
                        Duration.ofSeconds(5))
                    .apply(Announcement.WITHDRAWN));
    assertTrue(e.getMessage().endsWith(": exit 3: no route to host"), e.getMessage());
  }
}
