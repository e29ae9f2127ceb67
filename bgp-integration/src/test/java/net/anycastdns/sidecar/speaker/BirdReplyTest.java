package net.anycastdns.sidecar.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code birdc -v configure} answers, and which answers mean the file was taken. */
class BirdReplyTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      0001 BIRD 2.0.12 ready.\\n0002-Reading configuration from /etc/bird/bird.conf\\n0003 Reconfigured | 0 | -
      0001 BIRD 2.0.12 ready.\\n0002-Reading configuration from /etc/bird/bird.conf\\n0004 Reconfiguration in progress | 0 | -
      0001 BIRD 2.0.12 ready.\\n0005 Reconfiguration already in progress, queueing new config | 0 | -
      0001 BIRD 2.0.12 ready.\\n0017 Reconfiguration already in progress, removing queued config | 0 | -
      0001 BIRD 2.0.12 ready.\\n0002-Reading configuration from bird.conf\\n8002 /etc/bird/anycast-dns.conf:1:1 syntax error, unexpected GARBAGE | 1 | /etc/bird/anycast-dns.conf:1:1 syntax error, unexpected GARBAGE
      0001 BIRD 2.0.12 ready.\\n0006 Reconfiguration ignored, shutting down | 0 | unexpected reply (exit 0): 0001 BIRD 2.0.12 ready. 0006 Reconfiguration ignored, shutting down
      Unable to connect to server control socket (/run/bird/bird.ctl): No such file or directory | 1 | unexpected reply (exit 1): Unable to connect to server control socket (/run/bird/bird.ctl): No such file or directory
      '' | 0 | unexpected reply (exit 0): nothing
      """)
  void reply(String output, int exit, String problem) {
    assertEquals(problem, BirdSpeaker.checkReply(exit, output.replace("\\n", "\n")));
  }
}
