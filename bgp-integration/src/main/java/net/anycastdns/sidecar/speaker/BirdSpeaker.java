package net.anycastdns.sidecar.speaker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.anycastdns.sidecar.health.Announcement;

/**
 * BIRD 2: the announcement lives in a state file of constants that the operator's {@code bird.conf}
 * includes and its export filters test:
 *
 * <pre>
 * define ANYCAST_DNS_V4 = [ 192.0.2.53/32 ];
 * define ANYCAST_DNS_V6 = [ 2001:db8:53::53/128 ];
 * define ANYCAST_DNS_GRACEFUL_SHUTDOWN = false;
 * </pre>
 *
 * then {@code birdc configure} makes BIRD re-read it and re-run the export filters. Unlike {@code
 * birdc disable}, the state is in the configuration, so it survives a BIRD restart or a
 * reconfiguration by the operator. A withdrawn (empty) set holds a placeholder no one routes:
 * {@code 0.0.0.0/32} ("this host", RFC 1122 section 3.2.1.3; RFC 6890 marks 0.0.0.0/8 not
 * forwardable) and {@code ::/128} (the unspecified address, RFC 4291 section 2.5.2), so that the
 * operator's {@code net ~ SET} never meets an empty set.
 */
public final class BirdSpeaker implements Speaker {
  /** The never-routed IPv4 placeholder of an empty set. */
  public static final String PLACEHOLDER_V4 = "0.0.0.0/32";

  /** The never-routed IPv6 placeholder of an empty set. */
  public static final String PLACEHOLDER_V6 = "::/128";

  /**
   * Reply codes of {@code birdc -v configure} that mean the new file is being used: 0003
   * Reconfigured, 0004 Reconfiguration in progress, 0005 already in progress and queued, 0017
   * already in progress and the queued config dropped (the running one is already this one). 8xxx
   * and 9xxx are errors (8002: the file does not parse).
   */
  private static final Set<String> ACCEPTED = Set.of("0003", "0004", "0005", "0017");

  private final List<Prefix> prefixes;
  private final Path stateFile;
  private final List<String> birdc;
  private final ProcessRunner runner;
  private final Duration timeout;

  public BirdSpeaker(
      List<Prefix> prefixes,
      Path stateFile,
      List<String> birdc,
      ProcessRunner runner,
      Duration timeout) {
    this.prefixes = List.copyOf(prefixes);
    this.stateFile = stateFile;
    this.birdc = List.copyOf(birdc);
    this.runner = runner;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "bird";
  }

  @Override
  public void apply(Announcement state) throws SpeakerException {
    write(render(prefixes, state, Instant.now()));
    List<String> argv = new ArrayList<>(birdc);
    argv.add("-v");
    argv.add("configure");
    ProcessRunner.Result r = runner.run(argv, Map.of(), timeout);
    String problem = checkReply(r.exitCode(), r.output());
    if (problem != null) {
      throw new SpeakerException("birdc configure: " + problem);
    }
  }

  /** The state file for {@code state}. */
  static String render(List<Prefix> prefixes, Announcement state, Instant when) {
    boolean on = state.announced();
    return "# Written by anycast-dns-sidecar at "
        + when
        + ": "
        + state.label()
        + ".\n"
        + "# Included by bird.conf; do not edit (the sidecar rewrites it). An empty set holds a\n"
        + "# never-routed placeholder, "
        + PLACEHOLDER_V4
        + " or "
        + PLACEHOLDER_V6
        + ".\n"
        + "define ANYCAST_DNS_V4 = [ "
        + set(prefixes, Prefix.Family.IPV4, on, PLACEHOLDER_V4)
        + " ];\n"
        + "define ANYCAST_DNS_V6 = [ "
        + set(prefixes, Prefix.Family.IPV6, on, PLACEHOLDER_V6)
        + " ];\n"
        // RFC 8326: the export filter adds the GRACEFUL_SHUTDOWN community (65535, 0) when true.
        + "define ANYCAST_DNS_GRACEFUL_SHUTDOWN = "
        + (state == Announcement.GRACEFUL_SHUTDOWN)
        + ";\n";
  }

  /**
   * Null when the {@code birdc -v} reply says the configuration was taken, else what went wrong.
   */
  static String checkReply(int exitCode, String output) {
    List<String> errors = new ArrayList<>();
    boolean accepted = false;
    for (String line : output.split("\n")) {
      if (line.length() < 5 || !Character.isDigit(line.charAt(0))) {
        continue;
      }
      String code = line.substring(0, 4);
      if (ACCEPTED.contains(code)) {
        accepted = true;
      } else if (code.startsWith("8") || code.startsWith("9")) {
        errors.add(line.substring(5).trim());
      }
    }
    if (!errors.isEmpty()) {
      return String.join("; ", errors);
    }
    if (exitCode != 0 || !accepted) {
      String text = output.strip().replace('\n', ' ');
      return "unexpected reply (exit " + exitCode + "): " + (text.isEmpty() ? "nothing" : text);
    }
    return null;
  }

  private static String set(
      List<Prefix> prefixes, Prefix.Family family, boolean on, String placeholder) {
    String joined =
        prefixes.stream()
            .filter(p -> p.family() == family)
            .map(Prefix::toString)
            .collect(Collectors.joining(", "));
    return on && !joined.isEmpty() ? joined : placeholder;
  }

  /** Write then rename, so that BIRD never reads half a file. */
  private void write(String content) throws SpeakerException {
    Path dir = stateFile.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".anycast-dns-", ".tmp");
      try {
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        tmp.toFile().setReadable(true, false);
        try {
          Files.move(
              tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new SpeakerException("cannot write " + stateFile + ": " + e.getMessage());
    }
  }
}
