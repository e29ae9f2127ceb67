package net.anycastdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import net.anycastdns.server.CliTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in the monitoring options end in one line on standard error and exit status 2. */
class MonitoringOptionsTest {
  private static final String HELP = " (see 'anycast-dns serve --help')";

  @TempDir Path zones;

  @Test
  void httpPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String http = "127.0.0.1:" + taken.getLocalPort();
      CliTest.Run r =
          CliTest.serve("--zones", zones.toString(), "--listen", "127.0.0.1:0", "--http", http);
      assertEquals(2, r.status());
      assertTrue(
          r.lastErrLine().startsWith("serve: cannot serve http on " + http + ": "),
          r.lastErrLine());
    }
  }

  @Test
  void badHttpAddress() {
    CliTest.Run r = CliTest.serve("--http", "localhost");
    assertEquals(2, r.status());
    assertEquals(
        "serve: --http: http: 'localhost': 'localhost' is not an IP address (names are not"
            + " resolved)"
            + HELP,
        r.lastErrLine());
  }

  @Test
  void negativeQueryLogRate() {
    CliTest.Run r = CliTest.serve("--query-log", "-1");
    assertEquals(2, r.status());
    assertEquals("serve: --query-log: query-log must be at least 0" + HELP, r.lastErrLine());
  }

  @Test
  void unknownLogFormat() {
    CliTest.Run r = CliTest.serve("--log-format", "xml");
    assertEquals(2, r.status());
    assertEquals(
        "serve: --log-format: log-format must be text or json, not 'xml'" + HELP, r.lastErrLine());
  }
}
