package net.anycastdns.sidecar.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, private to one test run: the "PoP" (DNS server,
 * sidecar, BGP speaker, anycast addresses on its loopback) and the "upstream" (a BIRD that learns
 * the routes). Addresses are documentation prefixes that exist only inside the namespaces: link
 * 198.51.100.1/30 - .2 and 2001:db8:ffff::1/64 - ::2, anycast 192.0.2.53/32 and
 * 2001:db8:53::53/128. {@link #close()} kills every process started here and deletes the
 * namespaces, also after a failure.
 */
final class Lab implements AutoCloseable {
  static final String POP_V4 = "198.51.100.1";
  static final String UP_V4 = "198.51.100.2";
  static final String POP_V6 = "2001:db8:ffff::1";
  static final String UP_V6 = "2001:db8:ffff::2";
  static final String ANYCAST_V4 = "192.0.2.53/32";
  static final String ANYCAST_V6 = "2001:db8:53::53/128";

  final String pop;
  final String upstream;
  final Path dir;
  private final String vethPop;
  private final String vethUp;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();

  /** Cleans up if the test JVM itself is stopped (a build timeout, ^C) before close(). */
  private final Thread cleanupOnExit = new Thread(this::close, "lab-cleanup");

  Lab(String test) throws Exception {
    String id = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(3));
    pop = "sc" + id + "p";
    upstream = "sc" + id + "u";
    vethPop = "sc" + id + "a";
    vethUp = "sc" + id + "b";
    // Readable by all: ExaBGP runs its API process (the sidecar) as its own unprivileged user.
    dir =
        Files.createTempDirectory(
            "sidecar-it-" + test + "-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    try {
      sh("ip", "netns", "add", pop);
      sh("ip", "netns", "add", upstream);
      sh("ip", "link", "add", vethPop, "type", "veth", "peer", "name", vethUp);
      sh("ip", "link", "set", vethPop, "netns", pop);
      sh("ip", "link", "set", vethUp, "netns", upstream);
      sh("ip", "-n", pop, "addr", "add", POP_V4 + "/30", "dev", vethPop);
      sh("ip", "-n", upstream, "addr", "add", UP_V4 + "/30", "dev", vethUp);
      // nodad: usable at once, no duplicate address detection delay.
      sh("ip", "-n", pop, "addr", "add", POP_V6 + "/64", "dev", vethPop, "nodad");
      sh("ip", "-n", upstream, "addr", "add", UP_V6 + "/64", "dev", vethUp, "nodad");
      sh("ip", "-n", pop, "addr", "add", ANYCAST_V4, "dev", "lo");
      sh("ip", "-n", pop, "addr", "add", ANYCAST_V6, "dev", "lo");
      for (String ns : List.of(pop, upstream)) {
        sh("ip", "-n", ns, "link", "set", "lo", "up");
      }
      sh("ip", "-n", pop, "link", "set", vethPop, "up");
      sh("ip", "-n", upstream, "link", "set", vethUp, "up");
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Writes a file readable by every user. */
  Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    return f;
  }

  /** Starts {@code argv} inside namespace {@code ns}, output to {@code DIR/log}. */
  Process start(String ns, String log, Map<String, String> env, String... argv) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(argv));
    Path logFile = dir.resolve(log);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    synchronized (processes) {
      processes.add(p);
      if (!logs.contains(logFile)) {
        logs.add(logFile);
      }
    }
    return p;
  }

  /** Runs {@code argv} inside {@code ns} and returns its output; bounded by {@code seconds}. */
  String run(String ns, int seconds, String... argv) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(argv));
    return exec(cmd, seconds);
  }

  /** Runs {@code argv} in the test's own namespace; bounded by {@code seconds}. */
  static String exec(List<String> argv, int seconds) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    byte[][] out = new byte[1][];
    Thread reader =
        new Thread(
            () -> {
              try {
                out[0] = p.getInputStream().readAllBytes();
              } catch (IOException e) {
                out[0] = new byte[0];
              }
            });
    reader.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", argv) + ": no result in " + seconds + "s");
    }
    reader.join(1000);
    String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new ExecException(
          String.join(" ", argv) + ": exit " + p.exitValue() + ": " + text, p.exitValue(), text);
    }
    return text;
  }

  /** A program that exited non-zero. */
  static final class ExecException extends Exception {
    private static final long serialVersionUID = 1L;
    final int exit;
    final String output;

    ExecException(String message, int exit, String output) {
      super(message);
      this.exit = exit;
      this.output = output;
    }
  }

  /** Stops {@code p} with SIGTERM and waits for it (SIGKILL after 5 s). */
  static void terminate(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** The whole of {@code DIR/name}, one of the logs. */
  String log(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  /** The last lines of every log, for a failure's report. */
  String logTails() {
    StringBuilder sb = new StringBuilder();
    synchronized (processes) {
      for (Path log : logs) {
        try {
          List<String> lines = Files.readAllLines(log);
          sb.append("==== ").append(log).append('\n');
          lines
              .subList(Math.max(0, lines.size() - 40), lines.size())
              .forEach(l -> sb.append(l).append('\n'));
        } catch (IOException e) {
          sb.append("==== ").append(log).append(": ").append(e).append('\n');
        }
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    if (Thread.currentThread() != cleanupOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
      } catch (IllegalStateException e) {
        // The JVM is shutting down and the hook runs (or ran) anyway.
      }
    }
    try {
      stopAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String ns : List.of(pop, upstream)) {
      killRemaining(ns);
      try {
        exec(List.of("ip", "netns", "del", ns), 10);
      } catch (Exception e) {
        // It was never created, or is gone already.
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }

  private void stopAll() throws InterruptedException {
    List<Process> all;
    synchronized (processes) {
      all = new ArrayList<>(processes);
    }
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : all) {
      if (!p.waitFor(3, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(3, TimeUnit.SECONDS);
      }
    }
  }

  /** Whatever still runs in {@code ns} (a respawned sidecar, say) gets SIGKILL. */
  private static void killRemaining(String ns) {
    try {
      for (String pid : exec(List.of("ip", "netns", "pids", ns), 5).split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (Exception e) {
      // No such namespace.
    }
  }

  private static void sh(String... argv) throws Exception {
    exec(List.of(argv), 10);
  }
}
