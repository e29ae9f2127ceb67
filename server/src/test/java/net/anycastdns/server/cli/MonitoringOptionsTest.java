package net.anycastdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in the monitoring options end in one line on standard error and exit status 2. */
class MonitoringOptionsTest {
  @TempDir Path zones;

  @Test
  void httpPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String http = "127.0.0.1:" + taken.getLocalPort();
      Result r = serve("--zones", zones.toString(), "--listen", "127.0.0.1:0", "--http", http);
      assertEquals(2, r.status());
      assertTrue(r.lastLine().startsWith("serve: cannot serve http on " + http + ": "), r.lastLine());
    }
  }

  @Test
  void badHttpAddress() {
    Result r = serve("--http", "localhost");
    assertEquals(2, r.status());
    assertEquals("serve: bad http address 'localhost': expected HOST:PORT", r.lastLine());
  }

  @Test
  void negativeQueryLogRate() {
    Result r = serve("--query-log", "-1");
    assertEquals(2, r.status());
    assertEquals("serve: query-log must be 0 (off) or a positive N, not -1", r.lastLine());
  }

  @Test
  void unknownLogFormat() {
    Result r = serve("--log-format", "xml");
    assertEquals(2, r.status());
    assertEquals("serve: log-format must be text or json, not 'xml'", r.lastLine());
  }

  private record Result(int status, String err) {
    String lastLine() {
      String[] lines = err.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Result serve(String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "serve";
    System.arraycopy(options, 0, args, 1, options.length);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int status = Main.run(args);
      return new Result(status, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
    }
  }
}
