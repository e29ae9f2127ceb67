package net.anycastdns.server.monitoring;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query log's own file ({@code query-log-file}), apart from the event log, appended to and
 * flushed whenever the writer has nothing more to write. {@link #reopen()} (SIGHUP) closes and
 * opens the path again, so that logrotate can move the file away and signal, as with any daemon's
 * log. Used by the query log's writer thread only, except {@link #reopen()}, which only sets a
 * flag.
 */
final class QueryLogFile implements Consumer<String>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueryLogFile.class);

  private final Path path;
  private volatile boolean reopen;
  private Writer out;
  private boolean failing;

  /**
   * Opens {@code path} for appending.
   *
   * @throws UncheckedIOException when it cannot be opened
   */
  QueryLogFile(Path path) {
    this.path = path;
    this.out = open(path);
  }

  private static Writer open(Path path) {
    try {
      return new BufferedWriter(
          Files.newBufferedWriter(
              path,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open query-log-file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Asks for the file to be opened again before the next line. */
  void reopen() {
    reopen = true;
  }

  @Override
  public void accept(String line) {
    try {
      if (reopen) {
        reopen = false;
        out.close();
        out = open(path);
      }
      out.write(line);
      out.write('\n');
      failing = false;
    } catch (IOException | UncheckedIOException e) {
      // A full disk must not stop the server; say so once, and go on trying.
      if (!failing) {
        log.error("query log: cannot write {}: {}", path, e.getMessage());
        failing = true;
      }
    }
  }

  /** Writes out what is buffered. */
  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      if (!failing) {
        log.error("query log: cannot write {}: {}", path, e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      log.error("query log: cannot close {}: {}", path, e.getMessage());
    }
  }
}
