package net.anycastdns.sidecar.run;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import net.anycastdns.sidecar.config.SpeakerConfig;
import net.anycastdns.sidecar.speaker.BirdSpeaker;
import net.anycastdns.sidecar.speaker.CommandSpeaker;
import net.anycastdns.sidecar.speaker.ExaBgpSpeaker;
import net.anycastdns.sidecar.speaker.GoBgpSpeaker;
import net.anycastdns.sidecar.speaker.Prefix;
import net.anycastdns.sidecar.speaker.ProcessRunner;
import net.anycastdns.sidecar.speaker.Speaker;
import org.slf4j.LoggerFactory;

/** Builds the configured driver. */
public final class Speakers {
  private Speakers() {}

  /**
   * The driver for {@code config}.
   *
   * @param exabgpOut the ExaBGP API channel (the process's real standard output)
   * @param exabgpIn ExaBGP's answers (standard input)
   * @param onExabgpClosed runs when ExaBGP closes the pipe
   */
  public static Speaker create(
      SpeakerConfig config,
      List<Prefix> prefixes,
      ProcessRunner runner,
      OutputStream exabgpOut,
      InputStream exabgpIn,
      Runnable onExabgpClosed) {
    if (config instanceof SpeakerConfig.Bird b) {
      return new BirdSpeaker(prefixes, b.stateFile(), b.birdc(), runner, b.timeout());
    }
    if (config instanceof SpeakerConfig.ExaBgp e) {
      return new ExaBgpSpeaker(
          prefixes, exabgpOut, exabgpIn, e.ack(), e.ackTimeout(), onExabgpClosed);
    }
    if (config instanceof SpeakerConfig.GoBgp g) {
      return new GoBgpSpeaker(prefixes, g.gobgp(), runner, g.timeout());
    }
    SpeakerConfig.Command c = (SpeakerConfig.Command) config;
    if (c.drain().isEmpty()) {
      LoggerFactory.getLogger(Speakers.class)
          .warn(
              "speaker.drain is not set: a drain announces"
                  + " without GRACEFUL_SHUTDOWN 65535:0 for the drain delay, then withdraws");
    }
    return new CommandSpeaker(prefixes, c.announce(), c.withdraw(), c.drain(), runner, c.timeout());
  }
}
