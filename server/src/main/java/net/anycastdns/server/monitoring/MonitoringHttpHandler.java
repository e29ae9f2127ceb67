package net.anycastdns.server.monitoring;

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
import java.nio.charset.StandardCharsets;

/**
 * Answers the monitoring requests: {@code GET /metrics} with every meter in the Prometheus text
 * format, {@code GET /health/live} with 200 while the process runs and {@code GET /health/ready}
 * with 200 once zones are loaded and served, 503 before (the body says why).
 */
@Sharable
final class MonitoringHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** The Prometheus text exposition format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  private final ServerMetrics metrics;
  private final Readiness readiness;

  MonitoringHttpHandler(ServerMetrics metrics, Readiness readiness) {
    this.metrics = metrics;
    this.readiness = readiness;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    // For HEAD the codec sends the headers of the GET without the body (RFC 9110 9.3.2).
    ctx.writeAndFlush(respond(request));
  }

  private FullHttpResponse respond(FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      return text(HttpResponseStatus.BAD_REQUEST, PLAIN_TEXT, "bad request\n");
    }
    if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
      FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, PLAIN_TEXT, "GET or HEAD only\n");
      r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
      return r;
    }
    switch (new QueryStringDecoder(request.uri()).path()) {
      case "/metrics":
        return text(HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.scrape());
      case "/health/live":
        return text(HttpResponseStatus.OK, PLAIN_TEXT, "live\n");
      case "/health/ready": {
        String reason = readiness.notReadyReason();
        return reason == null
            ? text(HttpResponseStatus.OK, PLAIN_TEXT, "ready\n")
            : text(HttpResponseStatus.SERVICE_UNAVAILABLE, PLAIN_TEXT, "not ready: " + reason + "\n");
      }
      default:
        return text(HttpResponseStatus.NOT_FOUND, PLAIN_TEXT, "not found; try /metrics, /health/live, /health/ready\n");
    }
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
