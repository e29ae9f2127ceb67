package net.anycastdns.server.query;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The octets of the client's address, for the stages that need them (cookies hash them, rate
 * limiting takes the netblock), read once per address object into arrays reused by one thread.
 *
 * <p>{@link InetAddress#getAddress()} returns a new array on every call. For IPv4 the octets come
 * from {@link Inet4Address#hashCode()}, which is the address itself (so it has been since Java 1.0;
 * {@code ClientAddressTest} checks it), and nothing is allocated. For IPv6 the JDK offers no other
 * way than that copy of 16 octets, made once per address object: once per TCP connection, once per
 * UDP datagram (for which the transport makes several objects of its own anyway).
 */
final class ClientAddress {
  private final byte[] v4 = new byte[4];
  private InetAddress last;
  private byte[] octets;

  /** The 4 or 16 octets of {@code address}; the array is reused by the next call. */
  byte[] of(InetAddress address) {
    if (address != last) {
      if (address instanceof Inet4Address) {
        int a = address.hashCode();
        v4[0] = (byte) (a >>> 24);
        v4[1] = (byte) (a >>> 16);
        v4[2] = (byte) (a >>> 8);
        v4[3] = (byte) a;
        octets = v4;
      } else {
        octets = address.getAddress();
      }
      last = address;
    }
    return octets;
  }
}
