package net.anycastdns.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line: {@code check} exits 0 or 1 with what failed; mistakes are one line on standard
 * error and exit 2, never a stack trace.
 */
class CliTest {
  @TempDir Path dir;

  private String out;
  private String err;

  @Test
  void checkPassesAgainstAGoodServer() throws Exception {
    try (FakeDnsServer server = new FakeDnsServer()) {
      assertEquals(0, run("check", "--config", config(server, "{type: exabgp}").toString()));
      assertTrue(out.contains("ok   www.example.com./A/tcp: ok in "), out);
      assertTrue(out.contains("ok   example.com./SOA/udp: ok in "), out);
      assertTrue(
          out.contains("healthy: 127.0.0.1:" + server.address().getPort() + ", 2 of 2 probes pass"),
          out);
    }
  }

  @Test
  void checkFailsAndSaysWhat() throws Exception {
    try (FakeDnsServer server = new FakeDnsServer()) {
      server.mode(FakeDnsServer.Mode.WRONG_DATA);
      assertEquals(1, run("check", "--config", config(server, "{type: exabgp}").toString()));
      assertTrue(
          out.contains(
              "FAIL www.example.com./A/tcp: answer [192.0.2.99], expected" + " [192.0.2.10]"),
          out);
      assertTrue(out.contains("unhealthy: "), out);
    }
  }

  @Test
  void everyConfigurationMistakeIsOneLineAndExit2() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "selftest: {server: 192.0.2.53, fall: 0, probes: []}\n");
    for (String command : new String[] {"check", "run", "withdraw"}) {
      assertEquals(2, run(command, "--config", bad.toString()), command);
      String at = command + ": " + bad + ":1: ";
      assertEquals(
          at
              + "selftest.fall must be at least 1\n"
              + at
              + "selftest.probes needs at least one probe\n"
              + at
              + "the top level needs prefixes\n"
              + at
              + "the top level needs speaker\n",
          err);
    }
  }

  @Test
  void usageMistakesAreOneLineAndExit2() throws Exception {
    assertEquals(2, run("check"));
    assertTrue(err.startsWith("check: Missing required option: '--config=FILE.yaml'"), err);
    assertEquals(2, run("frobnicate"));
    assertEquals(2, run("drain", "--http", "localhost:9155"));
    assertEquals(
        "drain: --http: 'localhost:9155': 'localhost' is not an IP address (names are"
            + " not resolved)\n",
        err);
    try (FakeDnsServer server = new FakeDnsServer()) {
      String cfg = config(server, "{type: gobgp}").toString();
      assertEquals(2, run("run", "--config", cfg, "--http", "127.0.0.1"));
      assertEquals("run: --http: '127.0.0.1': missing port (ADDRESS:PORT)\n", err);
    }
  }

  @Test
  void drainWithoutARunningSidecarFails() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals(1, run("drain", "--http", "127.0.0.1:" + port));
    assertEquals(
        "drain: no sidecar answered at 127.0.0.1:"
            + port
            + ": could not connect (is 'anycast-dns-sidecar run' running with this --http?)\n",
        err);
  }

  @Test
  void withdrawRunsTheSpeakerOnce() throws Exception {
    Path log = dir.resolve("calls");
    try (FakeDnsServer server = new FakeDnsServer()) {
      String speaker =
          "{type: command, announce: [/bin/false], withdraw: [/bin/sh, -c,"
              + " 'echo \"$0\" >> "
              + log
              + "', '{prefix}']}";
      assertEquals(0, run("withdraw", "--config", config(server, speaker).toString()));
      assertEquals("withdrawn: 192.0.2.53/32, 2001:db8:53::53/128\n", out);
      assertEquals("192.0.2.53/32\n2001:db8:53::53/128\n", Files.readString(log));

      assertEquals(2, run("withdraw", "--config", config(server, "{type: exabgp}").toString()));
      assertTrue(err.startsWith("withdraw: the exabgp driver only works as ExaBGP's API"), err);
    }
  }

  private Path config(FakeDnsServer server, String speaker) throws Exception {
    Path f = dir.resolve("sidecar.yaml");
    Files.writeString(
        f,
        """
        selftest:
          server: 127.0.0.1:%d
          timeout: 500ms
          probes:
            - {name: example.com., type: SOA, transport: udp}
            - {name: www.example.com., type: A, transport: tcp, expect: [192.0.2.10]}
        prefixes: [192.0.2.53/32, "2001:db8:53::53/128"]
        speaker: %s
        """
            .formatted(server.address().getPort(), speaker));
    return f;
  }

  private int run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      out = o.toString(StandardCharsets.UTF_8);
      err = e.toString(StandardCharsets.UTF_8);
      assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }
  }
}
