package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import net.anycastdns.server.cli.Main;
import net.anycastdns.server.config.ServerConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line through {@link Main#run}: exit statuses, and that every operator mistake is one
 * line on standard error with no stack trace.
 */
public class CliTest {
  private static final String GOOD_ZONE =
      """
      $TTL 3600
      @    IN SOA ns1 hostmaster 1 7200 3600 1209600 300
      @    IN NS  ns1
      ns1  IN A   192.0.2.53
      www  IN A   192.0.2.1
      """;

  /** Line 6: a CNAME beside other data (RFC 2181 section 10.1). */
  private static final String CNAME_AND_OTHER_DATA =
      """
      $TTL 3600
      @    IN SOA ns1 hostmaster 1 7200 3600 1209600 300
      @    IN NS  ns1
      ns1  IN A   192.0.2.53
      www  IN CNAME ns1
      www  IN A   192.0.2.1
      """;

  /** Line 5: not an IPv4 address. */
  private static final String SYNTAX_ERROR =
      """
      $TTL 3600
      @    IN SOA ns1 hostmaster 1 7200 3600 1209600 300
      @    IN NS  ns1
      ns1  IN A   192.0.2.53
      www  IN A   192.0.2.999
      """;

  /** Line 3: an NS inside the zone with no address, only a warning. */
  private static final String MISSING_GLUE =
      """
      $TTL 3600
      @    IN SOA ns1 hostmaster 1 7200 3600 1209600 300
      @    IN NS  ns1
      """;

  @TempDir Path tmp;

  /** What a run printed and returned. */
  public record Run(int status, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    /** The last line on standard error: the error, after whatever was logged before it. */
    public String lastErrLine() {
      List<String> lines = err.strip().lines().toList();
      return lines.get(lines.size() - 1);
    }

    List<String> outLines() {
      return out.lines().toList();
    }

    /** Exit 2 and exactly one line on standard error, with no stack trace. */
    String usageError() {
      assertAll(
          () -> assertEquals(2, status, "exit status; stderr: " + err),
          () -> assertEquals(1, errLines().size(), "one line on stderr: " + err),
          () -> assertNoStackTrace(err),
          () -> assertEquals("", out, "stdout"));
      return errLines().get(0);
    }
  }

  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at [\\w.$]+\\(");

  static void assertNoStackTrace(String s) {
    assertFalse(STACK_FRAME.matcher(s).find(), "stack trace in: " + s);
    assertFalse(s.contains("Exception"), "exception in: " + s);
  }

  /** Runs the command line with standard output and error captured; never waits for long. */
  /** {@code serve} with these options, as {@link #run}. */
  public static Run serve(String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "serve";
    System.arraycopy(options, 0, args, 1, options.length);
    return run(args);
  }

  static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int status =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () -> Main.run(args),
              "the command did not end: it is serving");
      System.out.flush();
      System.err.flush();
      return new Run(
          status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private Path folder(String name, String... fileAndText) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (int i = 0; i < fileAndText.length; i += 2) {
      Files.writeString(dir.resolve(fileAndText[i]), fileAndText[i + 1]);
    }
    return dir;
  }

  private String missing() {
    return tmp.resolve("nonexistent").toString();
  }

  /**
   * A zone folder with no zone: should a test's mistake not stop {@code serve}, the first load
   * does, and the run ends.
   */
  private String empty() throws IOException {
    return Files.createDirectories(tmp.resolve("empty")).toString();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus                       | --bogus",
        "serve --bogus                 | --bogus",
        "serve --zones                 | --zones",
        "check --bogus x               | --bogus",
        "check                         | DIR",
        "check a b                     | b",
        "frobnicate                    | frobnicate",
      })
  void badArgumentsAreOneLine(String args, String named) {
    String line = run(args.split(" ")).usageError();
    assertTrue(line.contains(named), line);
    assertTrue(line.contains("--help"), "points at the help: " + line);
    if (named.equals("--bogus")) {
      assertFalse(line.contains("at "), line);
    }
  }

  @Test
  void missingZoneFolder() {
    String line = run("serve", "--zones", "/nonexistent", "--listen", "127.0.0.1:0").usageError();
    assertTrue(line.contains("/nonexistent"), line);
    assertTrue(line.contains("not a folder"), line);
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      delimiter = '|',
      value = {
        "999.1.1.1:53       | '999.1.1.1' is not an IP address (names are not resolved)",
        "256.0.0.1:53       | '256.0.0.1' is not an IP address",
        "1.2.3:53           | '1.2.3' is not an IP address",
        "127.0.0.1.:53      | '127.0.0.1.' is not an IP address",
        "localhost:53       | 'localhost' is not an IP address (names are not resolved)",
        "127.0.0.1:99999    | bad port '99999'",
        "127.0.0.1:-1       | bad port '-1'",
        "127.0.0.1:http     | bad port 'http'",
        "127.0.0.1          | missing port (ADDRESS:PORT)",
        "::1:53             | missing port ([ADDRESS]:PORT)",
        "2001:db8::1:53     | missing port ([ADDRESS]:PORT)",
        "[::1]53            | is not [ADDRESS]:PORT",
        "[::1               | missing ']'",
        ":53                | '' is not an IP address",
      })
  void badListenAddresses(String listen, String why) throws IOException {
    String line = run("serve", "--zones", empty(), "--listen", listen).usageError();
    assertTrue(line.startsWith("serve: --listen: listen: "), line);
    assertTrue(line.contains("'" + listen + "'"), line);
    assertTrue(line.contains(why), line);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--edns-udp-size 100        | edns-udp-size",
        "--edns-udp-size 4097       | edns-udp-size",
        "--tcp-idle-timeout 10x     | tcp-idle-timeout",
        "--tcp-idle-timeout -1s     | tcp-idle-timeout",
        "--threads 0                | threads",
        "--threads abc              | threads",
        "--edns-udp-size big        | edns-udp-size",
        "--hide-version maybe       | hide-version",
        "--tcp-max-connections 0    | tcp-max-connections",
      })
  void badSettings(String args, String named) throws IOException {
    String[] settings = args.split(" ");
    String[] all = new String[settings.length + 4];
    all[0] = "serve";
    System.arraycopy(settings, 0, all, 1, settings.length);
    all[settings.length + 1] = "--zones";
    all[settings.length + 2] = empty();
    all[settings.length + 3] = "--listen=127.0.0.1:0";
    String line = run(all).usageError();
    assertTrue(line.startsWith("serve: --" + named + ": " + named), line);
    assertTrue(line.endsWith("(see 'anycast-dns serve --help')"), line);
  }

  @Test
  void portInUse() throws IOException {
    Path zones = folder("zones", "example.org.zone", GOOD_ZONE);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
        DatagramSocket udp =
            new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()))) {
      assertEquals(tcp.getLocalPort(), udp.getLocalPort());
      String listen = "127.0.0.1:" + tcp.getLocalPort();
      Run r =
          run(
              "serve",
              "--zones",
              zones.toString(),
              "--listen",
              listen,
              "--threads",
              "1",
              "--http",
              "127.0.0.1:0");
      assertEquals(2, r.status(), r.err());
      assertNoStackTrace(r.err());
      List<String> lines = r.errLines().stream().filter(l -> l.contains("cannot listen")).toList();
      assertEquals(1, lines.size(), r.err());
      assertTrue(lines.get(0).contains(listen), lines.get(0));
      assertTrue(lines.get(0).startsWith("serve: "), "the error, not a log line: " + lines.get(0));
      // The sockets are bound before the zones load: a port in use fails before any of that.
      assertFalse(r.err().contains("loaded"), r.err());
    }
  }

  /**
   * A UDP socket on an ephemeral port whose TCP twin was free a moment ago: another process on the
   * machine may hold the same number for TCP, which would fail the server on TCP first.
   */
  private static DatagramSocket udpPortFreeForTcp(InetAddress address) throws IOException {
    while (true) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0));
      try (ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, address)) {
        return udp;
      } catch (IOException inUse) {
        udp.close();
      }
    }
  }

  @Test
  void portInUseForUdpOnly() throws IOException {
    Path zones = folder("zones", "example.org.zone", GOOD_ZONE);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    int port;
    try (DatagramSocket udp = udpPortFreeForTcp(loopback)) {
      port = udp.getLocalPort();
      String listen = "127.0.0.1:" + port;
      Run r =
          run(
              "serve",
              "--zones",
              zones.toString(),
              "--listen",
              listen,
              "--threads",
              "1",
              "--http",
              "127.0.0.1:0");
      assertEquals(2, r.status(), r.err());
      assertNoStackTrace(r.err());
      List<String> lines = r.errLines().stream().filter(l -> l.contains("cannot listen")).toList();
      assertEquals(1, lines.size(), r.err());
      assertTrue(lines.get(0).contains(listen + " (udp)"), lines.get(0));
    }
    // The TCP socket bound before UDP failed was let go.
    try (ServerSocket again = new ServerSocket(port, 1, loopback)) {
      assertEquals(port, again.getLocalPort());
    }
  }

  private static final Pattern PROBLEM = Pattern.compile("^(.+\\.zone):(\\d+): (.+)$");

  @Test
  void checkReportsEachProblemAsPathLineMessage() throws IOException {
    Path dir =
        folder(
            "mixed",
            "example.org.zone",
            GOOD_ZONE,
            "cname.org.zone",
            CNAME_AND_OTHER_DATA,
            "syntax.org.zone",
            SYNTAX_ERROR);
    Run r = run("check", dir.toString());
    assertEquals(1, r.status(), r.out() + r.err());
    assertNoStackTrace(r.out() + r.err());
    List<String> lines = r.outLines().subList(0, 2);
    assertEquals(3, r.outLines().size(), r.out());
    for (String line : lines) {
      assertTrue(PROBLEM.matcher(line).matches(), "not path:line: message: " + line);
      assertTrue(line.startsWith(dir.toString()), line);
    }
    assertTrue(lines.get(0).startsWith(dir.resolve("cname.org.zone") + ":6: "), lines.get(0));
    assertTrue(lines.get(0).contains("CNAME"), lines.get(0));
    assertTrue(lines.get(1).startsWith(dir.resolve("syntax.org.zone") + ":5: "), lines.get(1));
    assertEquals("1 of 3 zones ok", r.outLines().get(2), r.out());
    assertEquals("", r.err());
  }

  @Test
  void checkOfAGoodFolder() throws IOException {
    Path dir =
        folder(
            "good",
            "example.org.zone",
            GOOD_ZONE,
            "example.net.zone",
            GOOD_ZONE,
            "README",
            "not a zone");
    Run r = run("check", dir.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertEquals(List.of("2 of 2 zones ok"), r.outLines());
    assertEquals("", r.err());
  }

  @Test
  void warningsAloneDoNotFailCheck() throws IOException {
    Path dir = folder("warn", "example.org.zone", MISSING_GLUE);
    Run r = run("check", dir.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertEquals(2, r.outLines().size(), r.out());
    assertEquals("1 of 1 zones ok", r.outLines().get(1));
    String line = r.outLines().get(0);
    assertTrue(PROBLEM.matcher(line).matches(), line);
    assertTrue(line.startsWith(dir.resolve("example.org.zone") + ":3: warning: "), line);
  }

  @Test
  void checkOfAMissingFolder() {
    String line = run("check", missing()).usageError();
    assertTrue(line.contains(missing()), line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"serve --help", "check --help", "--help", "help serve", "help check", "serve -h"})
  void help(String args) {
    Run r = run(args.split(" "));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("Usage: anycast-dns"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void serveHelpListsEveryOption() {
    String out = run("serve", "--help").out();
    for (String option :
        List.of(
            "--zones",
            "--listen",
            "--config",
            "--identity",
            "--server-version",
            "--hide-version",
            "--edns-udp-size",
            "--tcp-idle-timeout",
            "--tcp-max-connections",
            "--threads",
            "--zones-git",
            "--git-branch",
            "--git-path",
            "--git-poll",
            "--git-dir",
            "--serial-policy")) {
      assertTrue(out.contains(option), option + " missing from\n" + out);
    }
  }

  @Test
  void version() {
    Run r = run("--version");
    assertEquals(0, r.status());
    assertEquals(List.of("anycast-dns dev"), r.outLines());
  }

  @Test
  void configWithAnUnknownKey() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("serve.yaml"), "zones: " + empty() + "\nlistn: [\"127.0.0.1:5353\"]\n");
    String line = run("serve", "--config", config.toString()).usageError();
    assertEquals(
        "serve: "
            + config
            + ":2: unknown key 'listn' at the top level: did you mean 'listen'? (known: "
            + String.join(", ", ServerConfigReader.KEYS)
            + ")",
        line);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "threads: many                    | 1: threads must be a whole number, not 'many'",
        "'listen: [\"127.0.0.1:99999\"]'  | 1: listen: '127.0.0.1:99999': bad port '99999'",
        "'tcp-idle-timeout: soon'         | 1: tcp-idle-timeout: bad duration 'soon' (use 500ms, 10s, 2m or 1h)",
        "'listen: 127.0.0.1:99999'        | 1: listen: '127.0.0.1:99999': bad port '99999'",
        "'edns-udp-size: {a: 1}'          | 1: edns-udp-size must be a single value",
        "'zones: [a, b'                   | 1: YAML syntax: while parsing a flow sequence",
      })
  void configWithABadValue(String yaml, String message) throws IOException {
    Path config = Files.writeString(tmp.resolve("serve.yaml"), yaml + "\n");
    String line = run("serve", "--config", config.toString(), "--zones", empty()).usageError();
    assertTrue(line.startsWith("serve: " + config + ":" + message), line);
  }

  @Test
  void missingConfig() {
    String line = run("serve", "--config", missing() + ".yaml").usageError();
    assertTrue(line.contains(missing() + ".yaml"), line);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "# nothing set\n", "---\n"})
  void configWithNothingSetIsFine(String yaml) throws IOException {
    // Every key is optional: the run goes on to the zone folder, which is missing.
    Path config = Files.writeString(tmp.resolve("empty.yaml"), yaml);
    String line = run("serve", "--config", config.toString(), "--zones", missing()).usageError();
    assertTrue(line.contains("not a folder"), line);
    assertTrue(line.startsWith("serve: --zones: zone folder "), line);
  }

  @Test
  void flagsOverrideTheConfig() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("serve.yaml"),
            "zones: " + missing() + "\n" + "listen: [\"127.0.0.1:99999\"]\n");
    String line =
        run(
                "serve",
                "--config",
                config.toString(),
                "--listen",
                "127.0.0.1:0",
                "--zones",
                missing() + "-too")
            .usageError();
    assertTrue(line.contains(missing() + "-too"), line);
  }

  @Test
  void aFolderWithoutZonesIsRefusedAtStartup() throws IOException {
    Run r = run("serve", "--zones", empty(), "--listen", "127.0.0.1:0", "--http", "127.0.0.1:0");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.lastErrLine().startsWith("serve: no NAME.zone file in folder tree "), r.err());
    Run check = run("check", empty());
    assertEquals(1, check.status(), check.out());
    assertTrue(
        check.outLines().get(0).startsWith("no NAME.zone file in folder tree "), check.out());
    assertEquals("0 of 0 zones ok", check.outLines().get(1));
  }

  @Test
  void checkOfAConfiguration() throws IOException {
    Path zones = folder("cfgzones", "example.org.zone", GOOD_ZONE);
    Path config =
        Files.writeString(tmp.resolve("serve.yaml"), "zones: " + zones + "\nthreads: 2\n");
    Run good = run("check", "--config", config.toString());
    assertEquals(0, good.status(), good.out() + good.err());
    assertEquals(List.of("1 of 1 zones ok"), good.outLines());

    Files.writeString(config, "zones: " + zones + "\nthreads: two\nlisten: 127.0.0.1\n");
    Run bad = run("check", "--config", config.toString());
    assertEquals(2, bad.status(), bad.out() + bad.err());
    assertEquals(
        List.of(
            "check: " + config + ":2: threads must be a whole number, not 'two'",
            "check: " + config + ":3: listen: '127.0.0.1': missing port (ADDRESS:PORT)"),
        bad.errLines());
  }

  @Test
  void printConfigShowsTheSettingsInEffect() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("serve.yaml"),
            "zones: " + empty() + "\nthreads: 2\nzone-settings: {example.org.: {}}\n");
    Run r = run("serve", "--config", config.toString(), "--threads", "3", "--print-config");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.outLines();
    assertTrue(lines.contains("threads: 3"), r.out());
    assertTrue(lines.contains("zones: " + empty()), r.out());
    assertTrue(lines.contains("edns-udp-size: 1232"), r.out());
    assertTrue(lines.contains("serial-policy: strict"), r.out());
    assertTrue(lines.contains("  example.org.:"), r.out());
    assertTrue(lines.contains("    serial-policy: strict"), r.out());
  }
}
