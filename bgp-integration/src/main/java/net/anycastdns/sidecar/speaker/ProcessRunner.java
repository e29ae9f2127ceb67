package net.anycastdns.sidecar.speaker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program from an argument list, never through a shell, so no prefix or
 * configuration value is ever interpreted by one; bounded by a timeout so that a hung {@code birdc}
 * cannot stall the sidecar.
 */
public class ProcessRunner {

  /**
   * What a program did.
   *
   * @param exitCode its exit status
   * @param output standard output and standard error, interleaved
   */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code argv} and waits for it.
   *
   * @throws SpeakerException when it cannot be started or does not finish within {@code timeout}
   */
  public Result run(List<String> argv, Map<String, String> environment, Duration timeout)
      throws SpeakerException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(environment);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new SpeakerException("cannot run " + argv.get(0) + ": " + e.getMessage());
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), output), "process-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new SpeakerException(
            String.join(" ", argv) + ": no result within " + timeout.toMillis() + "ms, killed");
      }
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SpeakerException(String.join(" ", argv) + ": interrupted");
    }
    synchronized (output) {
      return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[4096];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        synchronized (out) {
          out.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // The process ended and took its pipe with it: what was read is all there is.
    }
  }
}
