package net.anycastdns.sidecar.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.anycastdns.sidecar.health.Announcement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GoBGP driver's command lines, one per prefix, with the family each needs. */
class GoBgpSpeakerTest {
  private static final List<String> CLI = List.of("gobgp", "-u", "127.0.0.1", "-p", "50051");

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      192.0.2.53/32       | ANNOUNCED         | global rib -a ipv4 add 192.0.2.53/32 origin igp
      192.0.2.53/32       | GRACEFUL_SHUTDOWN | global rib -a ipv4 add 192.0.2.53/32 origin igp community 65535:0
      192.0.2.53/32       | WITHDRAWN         | global rib -a ipv4 del 192.0.2.53/32
      2001:db8:53::53/128 | ANNOUNCED         | global rib -a ipv6 add 2001:db8:53::53/128 origin igp
      2001:db8:53::53/128 | WITHDRAWN         | global rib -a ipv6 del 2001:db8:53::53/128
      """)
  void commandLines(String prefix, Announcement state, String args) throws Exception {
    FakeRunner runner = FakeRunner.succeeding("");
    new GoBgpSpeaker(List.of(Prefix.parse(prefix)), CLI, runner, Duration.ofSeconds(1))
        .apply(state);
    List<String> expected = new java.util.ArrayList<>(CLI);
    expected.addAll(Arrays.asList(args.split(" ")));
    assertEquals(List.of(expected), runner.calls);
  }

  @Test
  void aFailingCallIsAnErrorWithItsOutput() {
    FakeRunner runner =
        new FakeRunner(argv -> new ProcessRunner.Result(1, "context deadline exceeded\n"));
    SpeakerException e =
        assertThrows(
            SpeakerException.class,
            () ->
                new GoBgpSpeaker(
                        List.of(Prefix.parse("192.0.2.53/32")),
                        List.of("gobgp"),
                        runner,
                        Duration.ofSeconds(1))
                    .apply(Announcement.ANNOUNCED));
    assertEquals(
        "gobgp global rib -a ipv4 add 192.0.2.53/32 origin igp: exit 1: context deadline"
            + " exceeded",
        e.getMessage());
  }
}
