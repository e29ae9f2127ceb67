package net.anycastdns.server.monitoring;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code --log-format json}: one JSON object per line with the time in RFC 3339 (UTC, always with
 * milliseconds), level, thread, logger, the message with its arguments filled in, and the stack
 * trace of an exception as text. Logback's own JsonEncoder writes the time as epoch milliseconds
 * and escapes every {@code /} as {@code \/}, which log shippers then show as written.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  /** RFC 3339 section 5.6 in UTC with a fixed 3-digit fraction (ISO_INSTANT drops ".000"). */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("timestamp", TIMESTAMP.format(event.getInstant()));
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("threadName", event.getThreadName());
      json.writeStringField("loggerName", event.getLoggerName());
      json.writeStringField("formattedMessage", event.getFormattedMessage());
      IThrowableProxy throwable = event.getThrowableProxy();
      if (throwable != null) {
        json.writeStringField("throwable", ThrowableProxyUtil.asString(throwable));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.write('\n');
    return line.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
