package net.anycastdns.packaging;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs programs to the end and keeps what they printed. */
final class Commands {
  private Commands() {}

  /** What a program printed, and its exit status. */
  record Result(List<String> command, int exit, String out, String err) {
    @Override
    public String toString() {
      return String.join(" ", command) + " exited " + exit + "\n" + out + err;
    }
  }

  static Result run(List<String> command) {
    return run(command, Duration.ofSeconds(60));
  }

  static Result run(List<String> command, Duration timeout) {
    return run(command, Map.of(), timeout);
  }

  /** Runs {@code command} with {@code env} added to this process's environment. */
  static Result run(List<String> command, Map<String, String> env, Duration timeout) {
    try {
      File out = File.createTempFile("out", ".txt");
      File err = File.createTempFile("err", ".txt");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor();
          throw new AssertionError(String.join(" ", command) + " did not end within " + timeout);
        }
        return new Result(
            command,
            p.exitValue(),
            Files.readString(out.toPath(), StandardCharsets.UTF_8),
            Files.readString(err.toPath(), StandardCharsets.UTF_8));
      } finally {
        Files.delete(out.toPath());
        Files.delete(err.toPath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
