package net.anycastdns.sidecar.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** External programs: output captured, exit status kept, a hung one killed at the timeout. */
class ProcessRunnerTest {

  @Test
  void outputAndExitStatus() throws Exception {
    ProcessRunner.Result r =
        new ProcessRunner()
            .run(
                List.of("/bin/sh", "-c", "echo out; echo err >&2; echo $X; exit 4"),
                Map.of("X", "env"),
                Duration.ofSeconds(5));
    assertEquals(4, r.exitCode());
    assertTrue(r.output().contains("out\n"), r.output());
    assertTrue(r.output().contains("err\n"), r.output());
    assertTrue(r.output().contains("env\n"), r.output());
  }

  @Test
  void aHungProgramIsKilledAtTheTimeout() {
    long start = System.nanoTime();
    SpeakerException e =
        assertThrows(
            SpeakerException.class,
            () ->
                new ProcessRunner()
                    .run(List.of("/bin/sleep", "30"), Map.of(), Duration.ofMillis(300)));
    assertTrue(e.getMessage().endsWith("no result within 300ms, killed"), e.getMessage());
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  @Test
  void aMissingProgramIsAnError() {
    SpeakerException e =
        assertThrows(
            SpeakerException.class,
            () ->
                new ProcessRunner()
                    .run(List.of("/nonexistent/birdc"), Map.of(), Duration.ofSeconds(1)));
    assertTrue(e.getMessage().startsWith("cannot run /nonexistent/birdc"), e.getMessage());
  }
}
