package net.anycastdns.server.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.InetAddress;
import net.anycastdns.common.IpLiterals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's octets as the stages read them: for IPv4 from the address's hash code, which must be
 * the address itself (as it has been in every JDK; a JDK that changed it would fail here).
 */
class ClientAddressTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.1",
        "0.0.0.0",
        "255.255.255.255",
        "128.0.0.1",
        "127.0.1.2",
        "2001:db8::1",
        "::1",
        "::ffff:192.0.2.1"
      })
  void theOctetsOfTheAddress(String ip) {
    InetAddress address = IpLiterals.toInetAddress(IpLiterals.parse(ip));
    ClientAddress client = new ClientAddress();
    assertArrayEquals(address.getAddress(), client.of(address));
    InetAddress other = IpLiterals.toInetAddress(IpLiterals.parse("198.51.100.7"));
    assertArrayEquals(other.getAddress(), client.of(other), "the next address, read again");
  }
}
