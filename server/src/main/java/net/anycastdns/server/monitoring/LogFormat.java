package net.anycastdns.server.monitoring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How log lines look: {@code text} as {@link ConsoleLogConfigurator} sets it, or {@code json}, one
 * object per line for log shippers, switched at startup by replacing the encoder of the root
 * logger's appenders.
 */
public enum LogFormat {
  TEXT,
  JSON;

  /** The format named {@code text} or {@code json} (any case). */
  public static LogFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log-format must be text or json, not '" + name + "'");
    }
  }

  /** Makes every line from now on take this format; text is what logging starts with. */
  public void apply() {
    if (this == TEXT) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
        appender.stop();
        appender.setEncoder(encoder(context));
        appender.start();
      }
    }
  }

  /** The JSON encoder, one object per line ({@link JsonLogEncoder}). */
  static Encoder<ILoggingEvent> encoder(LoggerContext context) {
    JsonLogEncoder json = new JsonLogEncoder();
    json.setContext(context);
    json.start();
    return json;
  }
}
