package net.anycastdns.server.monitoring;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import net.anycastdns.common.HostPort;
import net.anycastdns.server.query.QueryWorkspace;
import net.anycastdns.server.transport.QueryObserver;
import net.anycastdns.server.wire.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The optional query log: one line for every N-th query each event-loop thread answers, such as
 *
 * <pre>
 * client=192.0.2.7:53211 transport=udp name=www.example.com. class=IN type=A rcode=NOERROR size=93 tc=false duration_us=41
 * </pre>
 *
 * <p>It never holds up a query: the event-loop thread copies what the line needs into an entry and
 * offers it to a bounded lock-free queue, dropping it (and counting the drop) when the queue is
 * full; the thread {@code query-log} formats and writes the lines. Lines hold client addresses and
 * names, which metrics never do.
 */
public final class QueryLog implements QueryObserver, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("query");

  /** Entries waiting for the writer; a burst beyond this is dropped. */
  static final int DEFAULT_CAPACITY = 8192;

  /** How long the writer sleeps when there is nothing to write: at most this late a line. */
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final int rate;
  // Netty's multi-producer, single-consumer array queue (JCTools): offer is wait-free for the
  // event loops, where a java.util.concurrent bounded queue would take a lock.
  private final Queue<Entry> queue;
  private final Consumer<String> sink;
  private final QueryLogFile file;
  private final LongAdder dropped = new LongAdder();
  private final FastThreadLocal<int[]> countdown;
  private final Thread writer;
  private volatile boolean closed;

  /**
   * @param rate one query in this many is logged, counted per event-loop thread (1: every one)
   * @param capacity entries that may wait for the writer
   * @param sink where the writer thread puts each line
   */
  public QueryLog(int rate, int capacity, Consumer<String> sink) {
    this(rate, capacity, sink, null);
  }

  private QueryLog(int rate, int capacity, Consumer<String> sink, QueryLogFile file) {
    if (rate < 1) {
      throw new IllegalArgumentException("rate must be at least 1");
    }
    this.rate = rate;
    this.queue = PlatformDependent.newFixedMpscQueue(capacity);
    this.sink = sink;
    this.file = file;
    this.countdown =
        new FastThreadLocal<>() {
          @Override
          protected int[] initialValue() {
            return new int[] {rate};
          }
        };
    this.writer = new Thread(this::drain, "query-log");
    writer.setDaemon(true);
  }

  /**
   * A query log of one query in {@code rate}, written to {@code file}, or to the logger {@code
   * query} at INFO when it is null.
   *
   * @throws java.io.UncheckedIOException when the file cannot be opened
   */
  public static QueryLog open(int rate, Path file) {
    if (file == null) {
      return new QueryLog(rate, DEFAULT_CAPACITY, log::info);
    }
    QueryLogFile f = new QueryLogFile(file);
    return new QueryLog(rate, DEFAULT_CAPACITY, f, f);
  }

  /** Opens the query log file again (after logrotate moved it); nothing for the event log. */
  public void reopen() {
    if (file != null) {
      file.reopen();
    }
  }

  /** Starts the writer thread. */
  public void start() {
    writer.start();
  }

  @Override
  public void handled(
      QueryWorkspace ws, boolean tcp, SocketAddress client, int length, long nanos) {
    if (length < 0) {
      return;
    }
    int[] left = countdown.get();
    if (--left[0] > 0) {
      return;
    }
    left[0] = rate;
    Query q = ws.query();
    boolean question = q.questionParsed();
    Entry e =
        new Entry(
            client,
            tcp,
            question ? q.qname().clone() : null,
            question ? q.qclass() : -1,
            ws.qtype(),
            ws.rcode(),
            length,
            ws.truncated(),
            nanos);
    if (!queue.offer(e)) {
      dropped.increment();
    }
  }

  /** Lines dropped because the queue was full. */
  public long dropped() {
    return dropped.sum();
  }

  private void drain() {
    while (true) {
      Entry e = queue.poll();
      if (e != null) {
        sink.accept(e.line());
      } else if (closed) {
        if (file != null) {
          file.close();
        }
        return;
      } else {
        if (file != null) {
          file.flush();
        }
        LockSupport.parkNanos(this, IDLE_NANOS);
      }
    }
  }

  /** Writes what is queued, then stops the writer. Call it once queries have stopped. */
  @Override
  public void close() {
    closed = true;
    if (!writer.isAlive() && file != null) {
      file.close(); // never started: nothing was written
    }
    if (writer.isAlive()) {
      LockSupport.unpark(writer);
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What one line says, copied off the query path. */
  private record Entry(
      SocketAddress client,
      boolean tcp,
      byte[] qname,
      int qclass,
      int qtype,
      int rcode,
      int size,
      boolean truncated,
      long nanos) {

    String line() {
      return "client="
          + address(client)
          + " transport="
          + (tcp ? "tcp" : "udp")
          + " name="
          + name(qname)
          + " class="
          + (qclass < 0 ? "-" : DClass.string(qclass))
          + " type="
          + (qtype < 0 ? "-" : Type.string(qtype))
          + " rcode="
          + Rcode.string(rcode)
          + " size="
          + size
          + " tc="
          + truncated
          + " duration_us="
          + TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    private static String address(SocketAddress a) {
      return a instanceof InetSocketAddress i ? HostPort.format(i) : String.valueOf(a);
    }

    private static String name(byte[] wire) {
      if (wire == null) {
        return "-";
      }
      try {
        return new Name(wire).toString();
      } catch (IOException e) {
        return "-";
      }
    }
  }
}
