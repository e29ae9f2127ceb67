package net.anycastdns.server.transfer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import net.anycastdns.common.DaemonThreads;
import net.anycastdns.common.HostPort;
import net.anycastdns.server.config.TransferPolicy;
import net.anycastdns.server.tsig.Tsig;
import net.anycastdns.server.tsig.TsigKey;
import net.anycastdns.zones.ZoneSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Sends NOTIFY (RFC 1996) to a zone's secondaries when its serial changes: over UDP, with the new
 * SOA in the answer section (section 3.7), signed with the key the secondary transfers with (see
 * {@link TransferPolicy#notifyKey}), and sent again with a doubling wait until the secondary
 * answers (section 3.6) or {@value #ATTEMPTS} attempts went unanswered. A newer serial replaces a
 * NOTIFY still waiting for the same secondary. Each outcome is logged and counted.
 *
 * <p>One socket and one receiving thread serve every NOTIFY; a timer thread sends and resends.
 */
public final class NotifySender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("notify");

  /** Attempts per NOTIFY, as BIND makes them. */
  static final int ATTEMPTS = 5;

  private final Duration firstWait;
  private final DatagramChannel socket;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("notify"));
  private final Thread receiver;
  private final SecureRandom ids = new SecureRandom();

  /** NOTIFYs waiting for an answer, by message ID. */
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

  /** The ID waiting for each zone and secondary, so that a newer serial replaces it. */
  private final Map<String, Integer> latest = new ConcurrentHashMap<>();

  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder unanswered = new LongAdder();
  private final LongAdder resent = new LongAdder();

  private record Pending(
      String zone, long serial, InetSocketAddress to, byte[] message, TsigKey key, int attempt) {}

  /**
   * @param firstWait how long the first attempt waits for an answer; each later one waits twice as
   *     long as the one before
   */
  public NotifySender(Duration firstWait) {
    this.firstWait = firstWait;
    try {
      socket = DatagramChannel.open();
      socket.bind(null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot open a socket for NOTIFY", e);
    }
    receiver = new Thread(this::receive, "notify-answers");
    receiver.setDaemon(true);
    receiver.start();
  }

  /** Tells every secondary of {@code policy} that {@code zone} is served at its serial now. */
  public void send(ZoneSnapshot zone, TransferPolicy policy) {
    for (InetSocketAddress to : policy.secondaries()) {
      TsigKey key = policy.notifyKey(to);
      int id = ids.nextInt(0x10000);
      while (pending.containsKey(id)) {
        id = ids.nextInt(0x10000);
      }
      Message m = new Message(id);
      m.getHeader().setOpcode(Opcode.NOTIFY);
      m.getHeader().setFlag(Flags.AA);
      m.addRecord(Record.newRecord(zone.origin(), Type.SOA, DClass.IN), Section.QUESTION);
      m.addRecord(soaRecord(zone), Section.ANSWER);
      byte[] wire = key == null ? m.toWire() : Tsig.signed(m, key);
      Pending p = new Pending(zone.origin().toString(), zone.serial(), to, wire, key, 1);
      Integer replaced = latest.put(p.zone() + " " + HostPort.format(to), id);
      if (replaced != null) {
        pending.remove(replaced);
      }
      pending.put(id, p);
      int first = id;
      timer.execute(() -> attempt(first));
    }
  }

  private static Record soaRecord(ZoneSnapshot zone) {
    try {
      return Record.newRecord(
          zone.origin(), Type.SOA, DClass.IN, zone.soa().ttl(), zone.soa().rdata(0));
    } catch (RuntimeException e) {
      throw new IllegalStateException("SOA of " + zone.origin(), e);
    }
  }

  /** Sends {@code id} (again), and looks back once its wait is over. */
  private void attempt(int id) {
    Pending p = pending.get(id);
    if (p == null) {
      return;
    }
    try {
      socket.send(ByteBuffer.wrap(p.message()), p.to());
    } catch (IOException e) {
      log.debug("NOTIFY to {} not sent: {}", HostPort.format(p.to()), e.toString());
    }
    long wait = firstWait.toMillis() << (p.attempt() - 1);
    timer.schedule(() -> expire(id, p), wait, TimeUnit.MILLISECONDS);
  }

  private void expire(int id, Pending p) {
    if (pending.get(id) != p) {
      return; // answered, or replaced by a newer serial
    }
    if (p.attempt() >= ATTEMPTS) {
      pending.remove(id);
      latest.remove(p.zone() + " " + HostPort.format(p.to()), id);
      unanswered.increment();
      log.warn(
          "NOTIFY of {} serial {} to {}: no answer after {} attempts, given up",
          p.zone(),
          p.serial(),
          HostPort.format(p.to()),
          ATTEMPTS);
      return;
    }
    Pending next = new Pending(p.zone(), p.serial(), p.to(), p.message(), p.key(), p.attempt() + 1);
    if (pending.replace(id, p, next)) {
      resent.increment();
      attempt(id);
    }
  }

  private void receive() {
    ByteBuffer buf = ByteBuffer.allocate(65_535);
    while (socket.isOpen()) {
      try {
        buf.clear();
        SocketAddress from = socket.receive(buf);
        byte[] wire = new byte[buf.position()];
        buf.flip().get(wire);
        answered(wire, from);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        log.debug("NOTIFY answer not read: {}", e.toString());
      }
    }
  }

  private void answered(byte[] wire, SocketAddress from) throws IOException {
    if (wire.length < 12) {
      return;
    }
    int id = ((wire[0] & 0xff) << 8) | (wire[1] & 0xff);
    Pending p = pending.get(id);
    if (p == null || !p.to().equals(from)) {
      return;
    }
    Message m = new Message(wire);
    if (!m.getHeader().getFlag(Flags.QR) || m.getHeader().getOpcode() != Opcode.NOTIFY) {
      return;
    }
    if (p.key() != null && m.getTSIG() != null) {
      Message request = new Message(p.message());
      int check = Tsig.verifyResponse(m, wire, p.key(), request.getTSIG());
      if (check != Rcode.NOERROR) {
        log.warn(
            "NOTIFY of {} to {}: answer's TSIG {}; ignored",
            p.zone(),
            HostPort.format(p.to()),
            Rcode.TSIGstring(check));
        return;
      }
    }
    if (!pending.remove(id, p)) {
      return;
    }
    latest.remove(p.zone() + " " + HostPort.format(p.to()), id);
    int rcode = m.getRcode();
    if (rcode == Rcode.NOERROR) {
      acknowledged.increment();
      log.info(
          "NOTIFY of {} serial {} to {}: acknowledged",
          p.zone(),
          p.serial(),
          HostPort.format(p.to()));
    } else {
      refused.increment();
      log.warn(
          "NOTIFY of {} serial {} to {}: answered {}; not sent again",
          p.zone(),
          p.serial(),
          HostPort.format(p.to()),
          Rcode.string(rcode));
    }
  }

  /** NOTIFYs the secondary acknowledged. */
  public long acknowledged() {
    return acknowledged.sum();
  }

  /** NOTIFYs answered with an error rcode (the secondary does not take them from us). */
  public long refused() {
    return refused.sum();
  }

  /** NOTIFYs given up after every attempt went unanswered. */
  public long unanswered() {
    return unanswered.sum();
  }

  /** NOTIFYs sent again after an attempt went unanswered. */
  public long resent() {
    return resent.sum();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing left to do with it
    }
  }
}
