package net.anycastdns.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetSocketAddress;
import net.anycastdns.common.HostPort;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code run} serves HTTP where {@code drain} asks by default, on loopback, and not on the port the
 * DNS server's own HTTP endpoint takes by default on the same host (9153).
 */
class DefaultHttpAddressTest {
  @Test
  void runAndDrainMeetOnLoopbackBesideTheServer() {
    CommandLine main = new CommandLine(new Main());
    String run = defaultHttp(main, "run");
    String drain = defaultHttp(main, "drain");

    assertEquals(run, drain);
    InetSocketAddress address = HostPort.parse(run, -1);
    assertEquals("127.0.0.1", address.getAddress().getHostAddress());
    assertNotEquals(9153, address.getPort());
  }

  private static String defaultHttp(CommandLine main, String command) {
    return main.getSubcommands().get(command).getCommandSpec().findOption("--http").defaultValue();
  }
}
