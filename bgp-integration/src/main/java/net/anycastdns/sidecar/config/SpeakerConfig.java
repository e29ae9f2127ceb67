package net.anycastdns.sidecar.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code speaker:} section: which driver, with its settings. */
public sealed interface SpeakerConfig {

  /** The {@code type:} value. */
  String type();

  /**
   * {@code type: bird}.
   *
   * @param stateFile the file the sidecar writes and bird.conf includes
   * @param birdc the birdc command and its socket flag; {@code -v configure} is appended
   * @param timeout longest wait for birdc
   */
  record Bird(Path stateFile, List<String> birdc, Duration timeout) implements SpeakerConfig {
    public Bird {
      birdc = List.copyOf(birdc);
    }

    @Override
    public String type() {
      return "bird";
    }
  }

  /**
   * {@code type: exabgp}.
   *
   * @param ack whether ExaBGP acknowledges commands (its {@code exabgp.api.ack})
   * @param ackTimeout longest wait for an acknowledgement
   */
  record ExaBgp(boolean ack, Duration ackTimeout) implements SpeakerConfig {
    @Override
    public String type() {
      return "exabgp";
    }
  }

  /**
   * {@code type: gobgp}.
   *
   * @param gobgp the gobgp CLI and its connection flags
   * @param timeout longest wait for one gobgp call
   */
  record GoBgp(List<String> gobgp, Duration timeout) implements SpeakerConfig {
    public GoBgp {
      gobgp = List.copyOf(gobgp);
    }

    @Override
    public String type() {
      return "gobgp";
    }
  }

  /**
   * {@code type: command}.
   *
   * @param announce argument list that announces one prefix
   * @param withdraw argument list that withdraws one prefix
   * @param drain argument list that announces one prefix with 65535:0, if the operator has one
   * @param timeout longest wait for one call
   */
  record Command(
      List<String> announce, List<String> withdraw, Optional<List<String>> drain, Duration timeout)
      implements SpeakerConfig {
    public Command {
      announce = List.copyOf(announce);
      withdraw = List.copyOf(withdraw);
      drain = drain.map(List::copyOf);
    }

    @Override
    public String type() {
      return "command";
    }
  }
}
