package net.anycastdns.sidecar.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.anycastdns.common.DaemonThreads;

/**
 * The sidecar's HTTP endpoint ({@code run --http HOST:PORT}), on the JDK's built-in server: the
 * sidecar is not on a hot path.
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format;
 *   <li>{@code POST /drain}: announce with GRACEFUL_SHUTDOWN, withdraw after the drain delay;
 *   <li>{@code POST /resume}: end a drain.
 * </ul>
 *
 * Drain and resume change routing and have no authentication: bind to a loopback address.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final long REPLY_TIMEOUT_SECONDS = 30;

  private final HttpServer server;

  /**
   * Binds and starts.
   *
   * @throws IOException when the address cannot be bound
   */
  public HttpEndpoint(InetSocketAddress address, Supplier<String> metrics, Sidecar sidecar)
      throws IOException {
    server = HttpServer.create(address, 16);
    server.createContext(
        "/metrics",
        ex -> {
          if (!method(ex, "GET")) {
            return;
          }
          send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
        });
    server.createContext("/drain", ex -> request(ex, sidecar, Sidecar.Request.DRAIN));
    server.createContext("/resume", ex -> request(ex, sidecar, Sidecar.Request.RESUME));
    server.createContext(
        "/",
        ex ->
            send(
                ex, 404, "text/plain; charset=utf-8", "GET /metrics, POST /drain, POST /resume\n"));
    server.setExecutor(Executors.newSingleThreadExecutor(DaemonThreads.named("http")));
    server.start();
  }

  /** The bound address (the port, when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void request(HttpExchange ex, Sidecar sidecar, Sidecar.Request what)
      throws IOException {
    if (!method(ex, "POST")) {
      return;
    }
    String who = "HTTP " + ex.getRequestURI().getPath() + " from " + ex.getRemoteAddress();
    try {
      String reply = sidecar.request(what, who).get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      send(ex, 200, "text/plain; charset=utf-8", reply + "\n");
    } catch (TimeoutException e) {
      send(ex, 503, "text/plain; charset=utf-8", "queued, no result yet\n");
    } catch (ExecutionException e) {
      send(ex, 500, "text/plain; charset=utf-8", e.getCause() + "\n");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(ex, 503, "text/plain; charset=utf-8", "interrupted\n");
    }
  }

  private static boolean method(HttpExchange ex, String allowed) throws IOException {
    if (ex.getRequestMethod().equals(allowed)) {
      return true;
    }
    ex.getResponseHeaders().set("Allow", allowed);
    send(ex, 405, "text/plain; charset=utf-8", "use " + allowed + "\n");
    return false;
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
