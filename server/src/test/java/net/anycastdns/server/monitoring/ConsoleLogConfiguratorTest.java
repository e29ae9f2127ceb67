package net.anycastdns.server.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Logging as a server starts it: found by logback, one line per event on standard error at INFO
 * (Netty and sshd at WARN), and out of the way of an operator's own {@code logback.xml}.
 */
class ConsoleLogConfiguratorTest {
  @Test
  void logbackFindsItAsAService() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertInstanceOf(ConsoleAppender.class, root.getAppender(ConsoleLogConfigurator.APPENDER));
  }

  @Test
  void oneLinePerEventOnStandardError() {
    LoggerContext context = new LoggerContext();
    assertEquals(
        ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new ConsoleLogConfigurator().configure(context));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    ConsoleAppender<ILoggingEvent> stderr =
        (ConsoleAppender<ILoggingEvent>) root.getAppender(ConsoleLogConfigurator.APPENDER);
    assertEquals("System.err", stderr.getTarget());

    Logger logger = context.getLogger("net.anycastdns.server.reload.Reloader");
    LoggingEvent event = new LoggingEvent(null, logger, Level.INFO, "zone {} loaded", null, null);
    event.setArgumentArray(new Object[] {"example.com."});
    event.setInstant(Instant.parse("2026-11-30T20:42:57.117Z"));
    String line = new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);
    // The time is in the JVM's zone: 2026-11-30T20:42:57.117Z, or another day and hour with an
    // offset such as +01:00.
    assertTrue(
        line.matches(
            "2026-1\\d-\\d\\dT\\d\\d:\\d\\d:57\\.117(Z|[+-]\\d\\d:\\d\\d) INFO  Reloader: "
                + "zone example.com. loaded\\R"),
        line);
  }

  @Test
  void levels() {
    LoggerContext context = new LoggerContext();
    new ConsoleLogConfigurator().configure(context);
    assertEquals(Level.INFO, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
    assertEquals(Level.WARN, context.getLogger("org.apache.sshd").getLevel());
    assertEquals(Level.INFO, context.getLogger("net.anycastdns").getEffectiveLevel());
  }

  @Test
  void anOperatorsOwnFileWins() {
    LoggerContext context = new LoggerContext();
    assertEquals(
        ExecutionStatus.INVOKE_NEXT_IF_ANY,
        new ConsoleLogConfigurator().configure(context, "/etc/anycast-dns/logback.xml"));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertNull(root.getAppender(ConsoleLogConfigurator.APPENDER));
  }
}
