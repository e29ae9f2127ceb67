package net.anycastdns.sidecar;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.anycastdns.common.HostPort;
import net.anycastdns.common.cli.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drain --http HOST:PORT [--cancel]}: asks the running sidecar, through its HTTP endpoint
 * ({@code POST /drain} or {@code POST /resume}), to drain or to end a drain. HTTP rather than a
 * signal, so that the operator gets an answer (what the sidecar did) and no process ID is needed
 * (another container of the same pod can ask).
 */
@Command(
    name = "drain",
    mixinStandardHelpOptions = true,
    header = "Ask the running sidecar to drain, or with --cancel to end a drain.",
    description = {
      "Draining announces the prefixes with the GRACEFUL_SHUTDOWN community 65535:0 (RFC 8326),"
          + " so that routers prefer other PoPs, then withdraws them after the drain delay.",
      "Prints what the sidecar did; exits 0 when done, 1 otherwise."
    })
final class DrainCommand implements Callable<Integer> {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Longer than the endpoint's own 30 s wait for the sidecar's reply. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(40);

  @Option(
      names = "--http",
      paramLabel = "HOST:PORT",
      defaultValue = Main.DEFAULT_HTTP,
      description = "The --http address of the running sidecar (default: ${DEFAULT-VALUE}).")
  String http;

  @Option(
      names = "--cancel",
      description = "End the drain (POST /resume): the self-test decides again.")
  boolean cancel;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    InetSocketAddress address;
    try {
      address = HostPort.parse(http, -1);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--http: " + e.getMessage());
    }
    URI uri = URI.create("http://" + HostPort.format(address) + (cancel ? "/resume" : "/drain"));
    HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(ANSWER_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      (response.statusCode() == 200 ? spec.commandLine().getOut() : spec.commandLine().getErr())
          .print(response.body());
      spec.commandLine().getOut().flush();
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println(
              "drain: no sidecar answered at "
                  + HostPort.format(address)
                  + ": "
                  + reason(e)
                  + " (is 'anycast-dns-sidecar run' running with this --http?)");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /**
   * Why a request failed, in words: the JDK's client throws a {@link ConnectException} without a
   * message (its causes have none either) when the connection is refused or the address cannot be
   * reached, and keeps the reason of other failures in a cause.
   */
  static String reason(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof ConnectException ? "could not connect" : e.getClass().getSimpleName();
  }
}
