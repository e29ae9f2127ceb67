package net.anycastdns.server.monitoring;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging, which logback finds as a service ({@code META-INF/services}) before it
 * looks for a {@code logback.xml}: one line per event on standard error (time, level, where, what),
 * INFO and above, Netty and the ssh transport of git fetches at WARN (the latter logs every
 * connection at INFO).
 *
 * <p>Set in code because reading the same settings from XML loaded some 600 classes (an XML parser
 * and logback's configuration model) and took 100 ms or more of every start. An operator's own file
 * still wins: with {@code -Dlogback.configurationFile=FILE} this steps aside and logback reads FILE
 * as usual.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
  /** The line format; {@code --log-format json} replaces the encoder ({@link LogFormat}). */
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";

  /** The name of the one appender, on the root logger. */
  static final String APPENDER = "stderr";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    return configure(context, System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY));
  }

  /** {@link #configure(LoggerContext)} where the operator named {@code ownFile} (null: none). */
  ExecutionStatus configure(LoggerContext context, String ownFile) {
    if (ownFile != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName(APPENDER);
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("org.apache.sshd").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
