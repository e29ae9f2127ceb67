package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code dig} lines of the README's quick start, run as written (with the port of a server
 * started from the package on its sample zones) by the dig of Debian: each gets the rcode its
 * comment names, and ANY gives one RRset over UDP and every RRset over TCP.
 */
class ReadmeQuickStartIT {
  /** {@code dig @127.0.0.1 -p 5353 ARGS # COMMENT} */
  private static final Pattern DIG_LINE =
      Pattern.compile("^ {4}dig @127\\.0\\.0\\.1 -p 5353 (.+?)\\s+# (.+)$");

  private static InstalledServer server;

  record Example(List<String> args, String comment) {}

  @BeforeAll
  static void start() throws Exception {
    Tools.require("dig");
    server =
        InstalledServer.start(
            "--zones", InstalledPackage.path("/etc/anycast-dns/zones").toString());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void eachLineGetsTheRcodeItsCommentNames() throws IOException {
    List<Example> examples = examples();
    assertFalse(examples.isEmpty(), "no dig line in the README's quick start");
    for (Example example : examples) {
      String rcode =
          example.comment().contains("NXDOMAIN")
              ? "NXDOMAIN"
              : example.comment().contains("REFUSED") ? "REFUSED" : "NOERROR";
      Commands.Result dig = dig(example.args());
      assertEquals(0, dig.exit(), dig.toString());
      assertTrue(dig.out().contains("status: " + rcode), example + ": not " + rcode + dig.out());
    }
  }

  @Test
  void anyIsOneRrsetOverUdpAndEveryRrsetOverTcp() throws IOException {
    List<Example> any = examples().stream().filter(e -> e.args().contains("ANY")).toList();
    assertEquals(2, any.size(), "the README shows ANY over UDP and over TCP: " + any);
    for (Example example : any) {
      List<String> args = new ArrayList<>(example.args());
      args.addAll(List.of("+noall", "+answer"));
      long types = dig(args).out().lines().map(line -> line.split("\\s+")[3]).distinct().count();
      if (example.args().contains("+notcp")) {
        assertEquals(1, types, example + ": one RRset over UDP");
      } else {
        assertTrue(example.args().contains("+tcp"), example.toString());
        assertTrue(types > 1, example + ": every RRset over TCP, not " + types);
      }
    }
  }

  private static Commands.Result dig(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", "" + server.port));
    cmd.addAll(args);
    return Commands.run(cmd);
  }

  private static List<Example> examples() throws IOException {
    List<String> readme = Files.readAllLines(Path.of(System.getProperty("readme", "../README.md")));
    List<Example> examples = new ArrayList<>();
    for (String line :
        readme.subList(readme.indexOf("## Quick start"), readme.indexOf("## Commands"))) {
      Matcher m = DIG_LINE.matcher(line);
      if (m.matches()) {
        examples.add(new Example(Arrays.asList(m.group(1).split("\\s+")), m.group(2)));
      }
    }
    return examples;
  }
}
