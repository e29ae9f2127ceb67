package net.anycastdns.sidecar.speaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.anycastdns.sidecar.health.Announcement;

/**
 * Operator-given programs: one argument list to announce, one to withdraw and optionally one to
 * announce with GRACEFUL_SHUTDOWN (RFC 8326). Each runs once per prefix, with {@code {prefix}} and
 * {@code {family}} ({@code ipv4}/{@code ipv6}) replaced inside the arguments; the same values are
 * in the environment as {@code ANYCAST_DNS_PREFIX} and {@code ANYCAST_DNS_FAMILY}. No shell runs
 * them, so nothing in a prefix or in the configuration is ever interpreted. Exit status 0 is
 * success.
 */
public final class CommandSpeaker implements Speaker {
  private final List<Prefix> prefixes;
  private final List<String> announce;
  private final List<String> withdraw;
  private final Optional<List<String>> drain;
  private final ProcessRunner runner;
  private final Duration timeout;

  /**
   * @param drain the program that announces with 65535:0; when absent, a drain announces plainly
   *     for the drain delay and then withdraws (the configuration loader warns about it)
   */
  public CommandSpeaker(
      List<Prefix> prefixes,
      List<String> announce,
      List<String> withdraw,
      Optional<List<String>> drain,
      ProcessRunner runner,
      Duration timeout) {
    this.prefixes = List.copyOf(prefixes);
    this.announce = List.copyOf(announce);
    this.withdraw = List.copyOf(withdraw);
    this.drain = drain.map(List::copyOf);
    this.runner = runner;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "command";
  }

  @Override
  public void apply(Announcement state) throws SpeakerException {
    List<String> template =
        switch (state) {
          case ANNOUNCED -> announce;
          case WITHDRAWN -> withdraw;
          case GRACEFUL_SHUTDOWN -> drain.orElse(announce);
        };
    for (Prefix p : prefixes) {
      List<String> argv = expand(template, p);
      ProcessRunner.Result r =
          runner.run(
              argv,
              Map.of(
                  "ANYCAST_DNS_PREFIX",
                  p.toString(),
                  "ANYCAST_DNS_FAMILY",
                  p.family().label(),
                  "ANYCAST_DNS_STATE",
                  state.label()),
              timeout);
      if (r.exitCode() != 0) {
        throw new SpeakerException(
            String.join(" ", argv)
                + ": exit "
                + r.exitCode()
                + ": "
                + r.output().strip().replace('\n', ' '));
      }
    }
  }

  /** {@code template} with the placeholders of {@code prefix} filled in, argument by argument. */
  static List<String> expand(List<String> template, Prefix prefix) {
    List<String> argv = new ArrayList<>(template.size());
    for (String arg : template) {
      argv.add(
          arg.replace("{prefix}", prefix.toString()).replace("{family}", prefix.family().label()));
    }
    return argv;
  }
}
