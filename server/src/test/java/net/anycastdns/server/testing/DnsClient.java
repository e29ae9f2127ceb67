package net.anycastdns.server.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import org.xbill.DNS.Message;

/** DNS over real sockets, with plain JDK sockets and dnsjava messages, for end-to-end tests. */
public final class DnsClient {
  /** How long a test waits for an answer before it fails. */
  public static final int TIMEOUT_MS = 5_000;

  private DnsClient() {}

  /** Sends {@code query} over UDP from a new socket; returns the response. */
  public static Message udp(InetSocketAddress server, Message query) throws IOException {
    return new Message(udp(server, query.toWire()));
  }

  /** Sends {@code packet} over UDP from a new socket; returns the response's bytes. */
  public static byte[] udp(InetSocketAddress server, byte[] packet) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      return udp(s, server, packet);
    }
  }

  /** Sends {@code packet} from {@code s} and waits for one datagram back. */
  public static byte[] udp(DatagramSocket s, InetSocketAddress server, byte[] packet)
      throws IOException {
    s.setSoTimeout(TIMEOUT_MS);
    s.send(new DatagramPacket(packet, packet.length, server));
    DatagramPacket in = new DatagramPacket(new byte[65_535], 65_535);
    s.receive(in);
    return Arrays.copyOf(in.getData(), in.getLength());
  }

  /** Sends {@code query} over a new TCP connection; returns the response. */
  public static Message tcp(InetSocketAddress server, Message query) throws IOException {
    return new Message(tcp(server, query.toWire()));
  }

  /** Sends {@code packet} over a new TCP connection; returns the response's bytes. */
  public static byte[] tcp(InetSocketAddress server, byte[] packet) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(server, TIMEOUT_MS);
      return tcp(s, packet);
    }
  }

  /** Sends {@code packet} on the open connection {@code s}, framed; reads one framed answer. */
  public static byte[] tcp(Socket s, byte[] packet) throws IOException {
    s.setSoTimeout(TIMEOUT_MS);
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(packet.length);
    out.write(packet);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] response = new byte[in.readUnsignedShort()];
    in.readFully(response);
    return response;
  }
}
