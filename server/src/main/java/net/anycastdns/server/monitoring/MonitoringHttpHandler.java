package net.anycastdns.server.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.anycastdns.server.reload.SyncRequests;
import net.anycastdns.server.reload.SyncResult;
import net.anycastdns.server.reload.SyncStatus;

/**
 * Answers the monitoring requests: {@code GET /metrics} with every meter in the Prometheus text
 * format, {@code GET /health/live} with 200 while the process runs, {@code GET /health/ready} with
 * 200 once zones are loaded and served, 503 before (a JSON body with the sync status either way),
 * and {@code POST /sync}, which syncs the zones now and answers what it did.
 */
@Sharable
final class MonitoringHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** The Prometheus text exposition format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  static final String JSON = "application/json";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  /**
   * How long {@code POST /sync} waits for its sync before answering 202: a fetch may take up to its
   * own timeout, and a large zone seconds to load; the sync goes on either way.
   */
  private static final long SYNC_WAIT_SECONDS = 120;

  /** Set on a connection whose {@code POST /sync} is not answered yet. */
  private static final AttributeKey<Boolean> SYNCING = AttributeKey.valueOf("syncing");

  private final ServerMetrics metrics;
  private final Readiness readiness;
  private final SyncRequests sync;

  MonitoringHttpHandler(ServerMetrics metrics, Readiness readiness, SyncRequests sync) {
    this.metrics = metrics;
    this.readiness = readiness;
    this.sync = sync;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (Boolean.TRUE.equals(ctx.channel().attr(SYNCING).get())) {
      // Pipelined behind a POST /sync: answering now would answer out of order. The connection
      // closes after the sync's answer, and the client sends this one again.
      return;
    }
    if (request.decoderResult().isSuccess()
        && path(request).equals("/sync")
        && request.method().equals(HttpMethod.POST)) {
      sync(ctx);
      return;
    }
    // For HEAD the codec sends the headers of the GET without the body (RFC 9110 9.3.2).
    ctx.writeAndFlush(respond(request));
  }

  private static String path(FullHttpRequest request) {
    return new QueryStringDecoder(request.uri()).path();
  }

  private FullHttpResponse respond(FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      return text(HttpResponseStatus.BAD_REQUEST, PLAIN_TEXT, "bad request\n");
    }
    String path = path(request);
    if (path.equals("/sync")) {
      return notAllowed("POST");
    }
    if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
      return notAllowed("GET, HEAD");
    }
    switch (path) {
      case "/metrics":
        return text(HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.scrape());
      case "/health/live":
        return text(HttpResponseStatus.OK, PLAIN_TEXT, "live\n");
      case "/health/ready":
        return ready();
      default:
        return text(
            HttpResponseStatus.NOT_FOUND,
            PLAIN_TEXT,
            "not found; try /metrics, /health/live, /health/ready, POST /sync\n");
    }
  }

  private FullHttpResponse ready() {
    String reason = readiness.notReadyReason();
    SyncStatus s = readiness.sync();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", reason == null ? "ready" : "starting");
    if (reason != null) {
      body.put("reason", reason);
    }
    body.put("commit", s.commit());
    body.put("lastSuccess", s.lastSuccess() == null ? null : s.lastSuccess().toString());
    body.put("lastError", s.lastError());
    return json(
        reason == null ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
  }

  /**
   * Asks for a sync and answers when it is done, from the reload thread, so that the HTTP thread
   * goes on serving scrapes and health checks meanwhile. The connection stops reading until then
   * and closes after the answer, so that answers keep the order of requests.
   */
  private void sync(ChannelHandlerContext ctx) {
    ctx.channel().attr(SYNCING).set(Boolean.TRUE);
    ctx.channel().config().setAutoRead(false);
    AtomicBoolean answered = new AtomicBoolean();
    ScheduledFuture<?> timeout =
        ctx.executor()
            .schedule(
                () -> {
                  if (answered.compareAndSet(false, true)) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("result", "pending");
                    body.put("commit", readiness.sync().commit());
                    body.put(
                        "errors",
                        List.of(
                            "the sync takes longer than "
                                + SYNC_WAIT_SECONDS
                                + " s; it goes on, and GET /health/ready will show its outcome"));
                    answerAndClose(ctx, json(HttpResponseStatus.ACCEPTED, body));
                  }
                },
                SYNC_WAIT_SECONDS,
                TimeUnit.SECONDS);
    sync.sync("POST /sync")
        .whenComplete(
            (result, error) -> {
              if (!answered.compareAndSet(false, true)) {
                return;
              }
              timeout.cancel(false);
              if (error != null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("result", "failed");
                body.put("commit", readiness.sync().commit());
                body.put("errors", List.of(String.valueOf(error.getMessage())));
                answerAndClose(ctx, json(HttpResponseStatus.SERVICE_UNAVAILABLE, body));
              } else {
                answerAndClose(ctx, json(statusOf(result.outcome()), body(result)));
              }
            });
  }

  private static HttpResponseStatus statusOf(SyncResult.Outcome outcome) {
    return switch (outcome) {
      case UPDATED, UNCHANGED -> HttpResponseStatus.OK;
      // The request was fine; the state of the repository is what conflicts with serving it.
      case REFUSED -> HttpResponseStatus.CONFLICT;
      // The zone source, the server's upstream, could not be read.
      case FAILED -> HttpResponseStatus.BAD_GATEWAY;
    };
  }

  private static Map<String, Object> body(SyncResult r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", r.outcome().name().toLowerCase(Locale.ROOT));
    body.put("commit", r.commit());
    body.put("candidate", r.candidate());
    body.put("changes", r.changes());
    body.put("errors", r.errors());
    return body;
  }

  private static void answerAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
    HttpUtil.setKeepAlive(response, false);
    ctx.writeAndFlush(response);
  }

  private static FullHttpResponse notAllowed(String allow) {
    FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, PLAIN_TEXT, allow + " only\n");
    r.headers().set(HttpHeaderNames.ALLOW, allow);
    return r;
  }

  private static FullHttpResponse json(HttpResponseStatus status, Map<String, Object> body) {
    try {
      return text(status, JSON, Json.MAPPER.writeValueAsString(body) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and lists is always JSON", e);
    }
  }

  /**
   * The mapper for the JSON bodies, made at the first of them rather than with the handler: setting
   * up Jackson (its date formats load the JDK's locale data) cost every start about 80 ms of CPU
   * and 5 MB of its peak memory, on the main thread before the first answer, for bodies that may
   * never be asked for.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
    ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setContentLength(r, content.readableBytes());
    return r;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
