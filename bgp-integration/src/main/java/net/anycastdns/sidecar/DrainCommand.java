package net.anycastdns.sidecar;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    description =
        "Ask the running sidecar to drain: announce with GRACEFUL_SHUTDOWN 65535:0"
            + " (RFC 8326), then withdraw after the drain delay. --cancel ends a drain.")
final class DrainCommand implements Callable<Integer> {
  @Option(
      names = "--http",
      required = true,
      paramLabel = "HOST:PORT",
      description = "the --http address of the running sidecar")
  String http;

  @Option(names = "--cancel", description = "end the drain (POST /resume)")
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
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(40))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      (response.statusCode() == 200 ? spec.commandLine().getOut() : spec.commandLine().getErr())
          .print(response.body());
      spec.commandLine().getOut().flush();
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException e) {
      spec.commandLine().getErr().println("drain: cannot reach the sidecar at " + uri + ": " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
