package net.anycastdns.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve} in a process of its own, started as an operator starts it (optionally under {@code
 * nohup}), for what only a real process shows: signals, and the order of its log lines.
 */
public final class ServeProcess implements AutoCloseable {
  private final Process process;
  private final List<String> log = new ArrayList<>();

  private ServeProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  synchronized (log) {
                    log.add(line);
                  }
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "serve-log");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code serve} on the zone folder {@code zones}, on ephemeral loopback ports with one
   * thread, with this test's class path and {@code jvmOptions}, under {@code nohup} when asked.
   *
   * @param dir the working folder
   */
  public static ServeProcess start(Path dir, boolean nohup, List<String> jvmOptions, Path zones)
      throws IOException {
    List<String> args =
        List.of(
            "--zones",
            zones.toString(),
            "--listen",
            "127.0.0.1:0",
            "--http",
            "127.0.0.1:0",
            "--threads",
            "1");
    List<String> command = new ArrayList<>();
    if (nohup) {
      command.add("nohup");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("net.anycastdns.server.cli.Main");
    command.add("serve");
    command.addAll(args);
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
    // nohup sends standard output to nohup.out when it is a terminal; here it is a pipe.
    b.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return new ServeProcess(b.start());
  }

  /** The log lines so far. */
  public List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** Waits until a log line contains {@code text}; returns the line. */
  public String awaitLine(String text) throws Exception {
    Await.until(
        "logged '" + text + "': " + log(),
        () -> log().stream().anyMatch(l -> l.contains(text)) || !process.isAlive());
    return log().stream()
        .filter(l -> l.contains(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("exited before logging '" + text + "': " + log()));
  }

  /** The index of the first log line containing {@code text}, or -1. */
  public int indexOf(String text) {
    List<String> lines = log();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  /** Sends {@code signal} ("HUP", "TERM") to the process. */
  public void signal(String signal) throws Exception {
    int status =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
            .inheritIO()
            .start()
            .waitFor();
    if (status != 0) {
      throw new AssertionError("kill -" + signal + " failed");
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
