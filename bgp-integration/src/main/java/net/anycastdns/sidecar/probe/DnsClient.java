package net.anycastdns.sidecar.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.xbill.DNS.Message;
import org.xbill.DNS.WireParseException;

/**
 * Sends one query and waits for its answer, over UDP or TCP, within a deadline that covers
 * everything (connecting, sending, reading). Deliberately not dnsjava's resolvers: they retry and
 * fall back from UDP to TCP, and a probe must measure exactly one exchange on one transport.
 */
public final class DnsClient {
  /** Large enough for any UDP answer (EDNS allows up to 65,535 octets). */
  private static final int MAX_UDP = 65_535;

  /** An answer and how long it took from sending the query. */
  public record Answer(Message message, Duration latency) {}

  /**
   * Sends {@code query} to {@code server} and returns the first answer whose ID and question match.
   *
   * @throws SocketTimeoutException when no matching answer came in time
   * @throws IOException when the server cannot be reached or the answer is unreadable
   */
  public Answer exchange(
      InetSocketAddress server, Transport transport, Message query, Duration timeout)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    return transport == Transport.UDP
        ? udp(server, query, deadline)
        : tcp(server, query, deadline, timeout);
  }

  private static Answer udp(InetSocketAddress server, Message query, long deadline)
      throws IOException {
    byte[] wire = query.toWire();
    try (DatagramSocket socket = new DatagramSocket()) {
      // Connected, so that an ICMP port unreachable ends the probe at once
      // (PortUnreachableException) instead of after the timeout, and so that datagrams from
      // other addresses are never taken for the answer.
      socket.connect(server);
      long sent = System.nanoTime();
      socket.send(new DatagramPacket(wire, wire.length));
      byte[] buffer = new byte[MAX_UDP];
      while (true) {
        socket.setSoTimeout(remainingMillis(deadline));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        long received = System.nanoTime();
        Message answer = parseOrNull(buffer, packet.getLength());
        // Anything else (a late answer to an earlier query, garbage) is ignored, as a resolver
        // would, and the wait goes on until the deadline.
        if (answer != null && matches(query, answer)) {
          return new Answer(answer, Duration.ofNanos(received - sent));
        }
      }
    }
  }

  private static Answer tcp(
      InetSocketAddress server, Message query, long deadline, Duration timeout) throws IOException {
    byte[] wire = query.toWire();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(server, remainingMillis(deadline));
      long sent = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      byte[] framed = new byte[wire.length + 2];
      framed[0] = (byte) (wire.length >>> 8);
      framed[1] = (byte) wire.length;
      System.arraycopy(wire, 0, framed, 2, wire.length);
      out.write(framed);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      socket.setSoTimeout(remainingMillis(deadline));
      int length = in.readUnsignedShort();
      byte[] body = new byte[length];
      socket.setSoTimeout(remainingMillis(deadline));
      in.readFully(body);
      long received = System.nanoTime();
      if (received - deadline > 0) {
        throw new SocketTimeoutException("no answer within " + timeout.toMillis() + "ms");
      }
      Message answer = parseOrNull(body, length);
      if (answer == null) {
        throw new WireParseException("unparsable answer of " + length + " octets");
      }
      if (!matches(query, answer)) {
        throw new WireParseException("answer does not match the query (ID or question)");
      }
      return new Answer(answer, Duration.ofNanos(received - sent));
    }
  }

  private static boolean matches(Message query, Message answer) {
    return answer.getHeader().getID() == query.getHeader().getID()
        && answer.getHeader().getFlag(org.xbill.DNS.Flags.QR)
        // An error answer (FORMERR, say) may come without the question.
        && (answer.getQuestion() == null || query.getQuestion().equals(answer.getQuestion()));
  }

  private static Message parseOrNull(byte[] buffer, int length) {
    try {
      return new Message(java.util.Arrays.copyOf(buffer, length));
    } catch (IOException e) {
      return null;
    }
  }

  /** Socket timeouts are in whole milliseconds and 0 means forever, so never less than 1. */
  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
  }
}
