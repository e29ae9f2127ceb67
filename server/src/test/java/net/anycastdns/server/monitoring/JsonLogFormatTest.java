package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code --log-format json} writes each event as one JSON object on one line, message filled in.
 */
class JsonLogFormatTest {
  @Test
  void oneObjectPerLine() throws Exception {
    LoggerContext context = new LoggerContext();
    Logger logger = context.getLogger("net.anycastdns.test");
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.INFO,
            "zone {} loaded: serial {}",
            null,
            new Object[] {"example.test.", 7});

    String line = new String(LogFormat.encoder(context).encode(event), StandardCharsets.UTF_8);

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
  void namesAreTextOrJson() {
    assertEquals(LogFormat.JSON, LogFormat.parse("JSON"));
    assertEquals(LogFormat.TEXT, LogFormat.parse("text"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("xml"));
    assertEquals("log-format must be text or json, not 'xml'", e.getMessage());
  }
}
