package net.anycastdns.sidecar.speaker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.anycastdns.sidecar.health.Announcement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ExaBGP 4: the sidecar runs as an ExaBGP API process ({@code process { run ...; }}); it writes
 * {@code announce route P next-hop self} and {@code withdraw route P next-hop self} lines to its
 * standard output and reads ExaBGP's {@code done}/{@code error} acknowledgements (on by default,
 * {@code exabgp.api.ack}) from its standard input. Drain adds {@code community [65535:0]}, the
 * GRACEFUL_SHUTDOWN community of RFC 8326.
 *
 * <p>When ExaBGP closes the pipe (it stopped, or dropped the process) there is nothing left to
 * drive: {@code onClosed} runs, and the sidecar stops.
 */
public final class ExaBgpSpeaker implements Speaker {
  private static final Logger LOG = LoggerFactory.getLogger(ExaBgpSpeaker.class);
  private static final String CLOSED = "<closed>";

  private final List<Prefix> prefixes;
  private final OutputStream api;
  private final InputStream replies;
  private final boolean acks;
  private final Duration ackTimeout;
  private final Runnable onClosed;
  private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  /**
   * @param api where commands go (the process's standard output)
   * @param replies where ExaBGP's answers come from (the process's standard input)
   * @param acks whether ExaBGP acknowledges commands ({@code exabgp.api.ack}, default true)
   * @param onClosed runs once when ExaBGP closes the pipe
   */
  public ExaBgpSpeaker(
      List<Prefix> prefixes,
      OutputStream api,
      InputStream replies,
      boolean acks,
      Duration ackTimeout,
      Runnable onClosed) {
    this.prefixes = List.copyOf(prefixes);
    this.api = api;
    this.replies = replies;
    this.acks = acks;
    this.ackTimeout = ackTimeout;
    this.onClosed = onClosed;
    Thread reader = new Thread(this::readReplies, "exabgp-replies");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public String name() {
    return "exabgp";
  }

  @Override
  public void apply(Announcement state) throws SpeakerException {
    for (Prefix p : prefixes) {
      send(command(p, state));
    }
  }

  /** The API command that brings {@code prefix} to {@code state}. */
  static String command(Prefix prefix, Announcement state) {
    return switch (state) {
      case ANNOUNCED -> "announce route " + prefix + " next-hop self";
      case GRACEFUL_SHUTDOWN -> "announce route " + prefix + " next-hop self community [65535:0]";
      case WITHDRAWN -> "withdraw route " + prefix + " next-hop self";
    };
  }

  private void send(String command) throws SpeakerException {
    if (closed) {
      throw new SpeakerException("ExaBGP closed the API pipe; cannot send: " + command);
    }
    // An answer that came after an earlier timeout must not pass for this command's.
    answers.removeIf(a -> !a.equals(CLOSED));
    try {
      synchronized (api) {
        api.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        api.flush();
      }
    } catch (IOException e) {
      throw new SpeakerException(
          "cannot write to ExaBGP: " + e.getMessage() + " (" + command + ")");
    }
    if (!acks) {
      return;
    }
    String answer;
    try {
      answer = answers.poll(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpeakerException("interrupted waiting for ExaBGP to acknowledge: " + command);
    }
    if (answer == null) {
      throw new SpeakerException(
          "ExaBGP did not acknowledge within "
              + ackTimeout.toMillis()
              + "ms (is exabgp.api.ack off? then set ack: false): "
              + command);
    }
    if (answer.equals(CLOSED)) {
      answers.offer(CLOSED);
      throw new SpeakerException("ExaBGP closed the API pipe before acknowledging: " + command);
    }
    if (!answer.equals("done")) {
      throw new SpeakerException("ExaBGP answered '" + answer + "' to: " + command);
    }
  }

  private void readReplies() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(replies, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String s = line.strip();
        if (s.equals("done") || s.equals("error")) {
          answers.offer(s);
        } else if (!s.isEmpty()) {
          // Messages the operator may have subscribed this process to; nothing for the sidecar.
          LOG.debug("from ExaBGP: {}", s);
        }
      }
    } catch (IOException e) {
      LOG.debug("reading from ExaBGP: {}", e.toString());
    }
    closed = true;
    answers.offer(CLOSED);
    onClosed.run();
  }
}
