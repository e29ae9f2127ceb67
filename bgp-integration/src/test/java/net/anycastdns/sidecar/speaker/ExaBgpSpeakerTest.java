package net.anycastdns.sidecar.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.anycastdns.sidecar.health.Announcement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ExaBGP driver speaks ExaBGP's text API over a pair of pipes (as the process's stdout and
 * stdin are) and waits for each command's {@code done}.
 */
class ExaBgpSpeakerTest {
  private static final List<Prefix> PREFIXES =
      List.of(Prefix.parse("192.0.2.53/32"), Prefix.parse("2001:db8:53::53/128"));

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private OutputStream toSidecar;

  @AfterEach
  void close() throws IOException {
    if (toSidecar != null) {
      toSidecar.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      192.0.2.53/32       | ANNOUNCED         | announce route 192.0.2.53/32 next-hop self
      192.0.2.53/32       | GRACEFUL_SHUTDOWN | announce route 192.0.2.53/32 next-hop self community [65535:0]
      192.0.2.53/32       | WITHDRAWN         | withdraw route 192.0.2.53/32 next-hop self
      2001:db8:53::53/128 | ANNOUNCED         | announce route 2001:db8:53::53/128 next-hop self
      2001:db8:53::53/128 | WITHDRAWN         | withdraw route 2001:db8:53::53/128 next-hop self
      """)
  void commands(String prefix, Announcement state, String command) {
    assertEquals(command, ExaBgpSpeaker.command(Prefix.parse(prefix), state));
  }

  @Test
  void everyPrefixIsSentAndAcknowledged() throws Exception {
    ExaBgpSpeaker exa = speaker(true, line -> "done");
    exa.apply(Announcement.ANNOUNCED);
    exa.apply(Announcement.WITHDRAWN);
    assertEquals(
        List.of(
            "announce route 192.0.2.53/32 next-hop self",
            "announce route 2001:db8:53::53/128 next-hop self",
            "withdraw route 192.0.2.53/32 next-hop self",
            "withdraw route 2001:db8:53::53/128 next-hop self"),
        received);
  }

  @Test
  void otherMessagesFromExaBgpAreIgnored() throws Exception {
    ExaBgpSpeaker exa =
        speaker(true, line -> "{\"exabgp\": \"4.0.1\", \"type\": \"state\"}\n\ndone");
    exa.apply(Announcement.ANNOUNCED);
    assertEquals(2, received.size());
  }

  @Test
  void anErrorAnswerIsAnError() throws Exception {
    ExaBgpSpeaker exa = speaker(true, line -> "error");
    SpeakerException e =
        assertThrows(SpeakerException.class, () -> exa.apply(Announcement.ANNOUNCED));
    assertEquals(
        "ExaBGP answered 'error' to: announce route 192.0.2.53/32 next-hop self", e.getMessage());
  }

  @Test
  void noAnswerTimesOut() throws Exception {
    ExaBgpSpeaker exa = speaker(true, line -> null);
    SpeakerException e =
        assertThrows(SpeakerException.class, () -> exa.apply(Announcement.WITHDRAWN));
    assertTrue(
        e.getMessage().startsWith("ExaBGP did not acknowledge within 200ms"), e.getMessage());
  }

  @Test
  void withoutAcksNothingIsAwaited() throws Exception {
    ExaBgpSpeaker exa = speaker(false, line -> null);
    exa.apply(Announcement.ANNOUNCED);
    waitFor(() -> received.size() == 2);
  }

  @Test
  void whenExaBgpClosesThePipeTheSidecarIsToldAndCallsFail() throws Exception {
    ExaBgpSpeaker exa = speaker(true, line -> "done");
    toSidecar.close();
    assertTrue(closed.await(5, TimeUnit.SECONDS), "onClosed ran");
    SpeakerException e =
        assertThrows(SpeakerException.class, () -> exa.apply(Announcement.WITHDRAWN));
    assertTrue(e.getMessage().startsWith("ExaBGP closed the API pipe"), e.getMessage());
  }

  /** A speaker wired to a fake ExaBGP that answers each command line with {@code answer}. */
  private ExaBgpSpeaker speaker(boolean acks, Function<String, String> answer) throws IOException {
    Pipe commands = Pipe.open();
    Pipe replies = Pipe.open();
    toSidecar = Channels.newOutputStream(replies.sink());
    OutputStream exaOut = toSidecar;
    Thread exabgp =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(
                          Channels.newInputStream(commands.source()), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                  received.add(line);
                  String a = answer.apply(line);
                  if (a != null) {
                    exaOut.write((a + "\n").getBytes(StandardCharsets.US_ASCII));
                    exaOut.flush();
                  }
                }
              } catch (IOException e) {
                // the test is over
              }
            },
            "fake-exabgp");
    exabgp.setDaemon(true);
    exabgp.start();
    return new ExaBgpSpeaker(
        PREFIXES,
        Channels.newOutputStream(commands.sink()),
        Channels.newInputStream(replies.source()),
        acks,
        Duration.ofMillis(200),
        closed::countDown);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(10);
    }
  }
}
