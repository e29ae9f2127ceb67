package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * {@code --log-format json} writes each event as one JSON object on one line, message filled in,
 * with an RFC 3339 UTC timestamp and {@code /} as itself.
 */
class JsonLogFormatTest {
  @Test
  void oneObjectPerLine() throws Exception {
    String line = line(event("zone {} loaded: serial {}", new Object[] {"example.test.", 7}));

    assertTrue(line.endsWith("\n"));
    assertEquals(line.length() - 1, line.indexOf('\n'));
    JsonNode json = new ObjectMapper().readTree(line);
    assertEquals("INFO", json.get("level").asText());
    assertEquals("net.anycastdns.test", json.get("loggerName").asText());
    assertEquals("zone example.test. loaded: serial 7", json.get("formattedMessage").asText());
    assertTrue(json.has("timestamp"));
    assertFalse(json.has("message"));
    assertFalse(json.has("arguments"));
  }

  @Test
  void timestampIsRfc3339InUtcWithMilliseconds() {
    for (String[] row :
        new String[][] {
          {"2026-11-21T12:53:04.967Z", "2026-11-21T12:53:04.967Z"},
          {"2026-11-21T12:53:04Z", "2026-11-21T12:53:04.000Z"},
          {"2026-11-21T13:53:04.5+01:00", "2026-11-21T12:53:04.500Z"},
        }) {
      LoggingEvent event = event("ready", null);
      event.setInstant(OffsetDateTime.parse(row[0]).toInstant());
      assertEquals(row[1], json(event).get("timestamp").asText(), row[0]);
    }
  }

  @Test
  void slashesQuotesAndLineBreaksAreWrittenAsJsonHasThem() {
    LoggingEvent event =
        event("sync: zones/{} refused: \"{}\"\nnext", new Object[] {"example.com.zone", "x"});
    String line = line(event);

    assertTrue(line.contains("\"sync: zones/example.com.zone refused: \\\"x\\\"\\nnext\""), line);
    assertFalse(line.contains("\\/"), line);
    assertEquals(line.length() - 1, line.indexOf('\n'));
  }

  @Test
  void anExceptionComesWithItsStackTrace() {
    LoggingEvent event = event("fetch failed", null);
    event.setThrowableProxy(new ThrowableProxy(new IOException("no route")));
    String trace = json(event).get("throwable").asText();

    assertTrue(trace.startsWith("java.io.IOException: no route"), trace);
    assertTrue(trace.contains("\tat net.anycastdns.server.monitoring.JsonLogFormatTest"), trace);
    assertFalse(json(event("no exception", null)).has("throwable"));
  }

  @Test
  void namesAreTextOrJson() {
    assertEquals(LogFormat.JSON, LogFormat.parse("JSON"));
    assertEquals(LogFormat.TEXT, LogFormat.parse("text"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("xml"));
    assertEquals("log-format must be text or json, not 'xml'", e.getMessage());
  }

  private static LoggingEvent event(String message, Object[] arguments) {
    Logger logger = new LoggerContext().getLogger("net.anycastdns.test");
    return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, arguments);
  }

  private static String line(LoggingEvent event) {
    return new String(LogFormat.encoder(new LoggerContext()).encode(event), StandardCharsets.UTF_8);
  }

  private static JsonNode json(LoggingEvent event) {
    try {
      return new ObjectMapper().readTree(line(event));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
