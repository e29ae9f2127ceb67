package net.anycastdns.sidecar.speaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.anycastdns.sidecar.health.Announcement;

/**
 * GoBGP: {@code gobgp global rib -a ipv4|ipv6 add P origin igp} and {@code ... del P} through the
 * {@code gobgp} CLI (which talks gRPC to {@code gobgpd}). Adding a path that exists replaces its
 * attributes, so drain is an {@code add} with {@code community 65535:0} (RFC 8326) and the end of a
 * drain an {@code add} without it; deleting a path that is not there succeeds, which keeps every
 * call idempotent.
 */
public final class GoBgpSpeaker implements Speaker {
  private final List<Prefix> prefixes;
  private final List<String> gobgp;
  private final ProcessRunner runner;
  private final Duration timeout;

  /**
   * @param gobgp the CLI and its connection flags, e.g. {@code [gobgp, -u, 127.0.0.1, -p, 50051]}
   */
  public GoBgpSpeaker(
      List<Prefix> prefixes, List<String> gobgp, ProcessRunner runner, Duration timeout) {
    this.prefixes = List.copyOf(prefixes);
    this.gobgp = List.copyOf(gobgp);
    this.runner = runner;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "gobgp";
  }

  @Override
  public void apply(Announcement state) throws SpeakerException {
    for (Prefix p : prefixes) {
      List<String> argv = argv(p, state);
      ProcessRunner.Result r = runner.run(argv, Map.of(), timeout);
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

  /** The command line that brings {@code prefix} to {@code state}. */
  List<String> argv(Prefix prefix, Announcement state) {
    List<String> argv = new ArrayList<>(gobgp);
    argv.addAll(List.of("global", "rib", "-a", prefix.family().label()));
    switch (state) {
      case WITHDRAWN -> argv.addAll(List.of("del", prefix.toString()));
      case ANNOUNCED -> argv.addAll(List.of("add", prefix.toString(), "origin", "igp"));
      case GRACEFUL_SHUTDOWN ->
          argv.addAll(List.of("add", prefix.toString(), "origin", "igp", "community", "65535:0"));
    }
    return argv;
  }
}
