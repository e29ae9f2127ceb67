package net.anycastdns.sidecar.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The upstream router: BIRD 2 in the upstream namespace with one eBGP session per family to the
 * PoP, importing everything; {@link #routes()} is what {@code birdc show route all} says about the
 * anycast prefixes. Timers are short so that sessions come up within a second or two.
 */
final class UpstreamBird {
  /** What the upstream has learned about the anycast prefixes. */
  record Routes(boolean v4, boolean v6, boolean v4Gshut, boolean v6Gshut) {
    boolean both() {
      return v4 && v6;
    }

    boolean none() {
      return !v4 && !v6;
    }

    boolean bothGshut() {
      return v4 && v6 && v4Gshut && v6Gshut;
    }

    boolean bothPlain() {
      return v4 && v6 && !v4Gshut && !v6Gshut;
    }
  }

  /** BGP timers for both ends: connect at once, retry every second, notice a dead peer in 3 s. */
  static final String TIMERS =
      "connect delay time 1; connect retry time 1; error wait time 1,2;"
          + " hold time 3; keepalive time 1;";

  private final Lab lab;
  private final Path socket;

  UpstreamBird(Lab lab) throws Exception {
    this.lab = lab;
    this.socket = lab.dir.resolve("upstream.ctl");
    lab.write(
        "upstream.conf",
        """
        router id %s;
        protocol device {}
        template bgp pop { local as 64512; %s }
        protocol bgp pop4 from pop {
          neighbor %s as 64500; source address %s;
          ipv4 { import all; export none; };
        }
        protocol bgp pop6 from pop {
          neighbor %s as 64500; source address %s;
          ipv6 { import all; export none; };
        }
        """
            .formatted(Lab.UP_V4, TIMERS, Lab.POP_V4, Lab.UP_V4, Lab.POP_V6, Lab.UP_V6));
    lab.start(
        lab.upstream,
        "upstream-bird.log",
        Map.of(),
        "bird",
        "-f",
        "-c",
        lab.dir.resolve("upstream.conf").toString(),
        "-s",
        socket.toString(),
        "-P",
        lab.dir.resolve("upstream.pid").toString());
  }

  /** The anycast routes as the upstream sees them now. */
  Routes routes() throws Exception {
    String out;
    try {
      out = Lab.exec(List.of("birdc", "-s", socket.toString(), "show", "route", "all"), 5);
    } catch (Lab.ExecException e) {
      return new Routes(false, false, false, false);
    }
    String v4 = block(out, Lab.ANYCAST_V4);
    String v6 = block(out, Lab.ANYCAST_V6);
    return new Routes(
        v4 != null,
        v6 != null,
        v4 != null && v4.contains("(65535,0)"),
        v6 != null && v6.contains("(65535,0)"));
  }

  /** True when both sessions to the PoP are established. */
  boolean established() throws Exception {
    try {
      String out = Lab.exec(List.of("birdc", "-s", socket.toString(), "show", "protocols"), 5);
      return out.lines().filter(l -> l.startsWith("pop") && l.contains("Established")).count() == 2;
    } catch (Lab.ExecException e) {
      return false;
    }
  }

  /**
   * Polls until {@code condition} holds; returns the milliseconds it took from {@code since} (a
   * {@link System#nanoTime()}); fails with every log's tail after {@code timeout}.
   */
  long await(String what, Predicate<Routes> condition, long since, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Routes r;
    while (!condition.test(r = routes())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "upstream: not "
                + what
                + " within "
                + timeout.toMillis()
                + "ms; last seen "
                + r
                + "\n"
                + lab.logTails());
      }
      Thread.sleep(10);
    }
    return (System.nanoTime() - since) / 1_000_000;
  }

  /** Polls until both sessions are established (at most {@code timeout}). */
  void awaitEstablished(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!established()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "sessions not established within " + timeout.toMillis() + "ms\n" + lab.logTails());
      }
      Thread.sleep(50);
    }
  }

  /** The lines of {@code prefix}'s route in {@code show route all}, or null when absent. */
  private static String block(String out, String prefix) {
    StringBuilder sb = null;
    for (String line : out.split("\n")) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        if (sb != null) {
          break;
        }
        if (line.startsWith(prefix + " ")) {
          sb = new StringBuilder(line).append('\n');
        }
      } else if (sb != null) {
        sb.append(line).append('\n');
      }
    }
    return sb == null ? null : sb.toString();
  }
}
