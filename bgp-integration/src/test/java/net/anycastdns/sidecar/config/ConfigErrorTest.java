package net.anycastdns.sidecar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every mistake is one line naming the file, the key and the problem. Each row replaces one line of
 * a good configuration ({@code KEY=} removes it).
 */
class ConfigErrorTest {
  private static final String GOOD =
      """
      selftest:
        server: 192.0.2.53:53
        interval: 1s
        timeout: 500ms
        rise: 2
        fall: 3
        probes:
          - {name: www.example.com., type: A, transport: tcp, expect: [192.0.2.10]}
      prefixes: [192.0.2.53/32, "2001:db8:53::53/128"]
      speaker: {type: bird, state-file: STATE}
      """;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      fall: 0                 | selftest.fall: must be at least 1
      rise: two               | selftest.rise: must be a whole number
      interval: 1 second      | selftest.interval: bad duration '1 second' (use 200ms, 1s, 2m or 1h)
      interval: 0s            | selftest.interval: must be longer than 0
      timeout: 2s             | selftest.timeout: must not be longer than interval (1000ms), or one slow probe would delay every decision
      server: dns.example:53  | selftest.server: 'dns.example:53': 'dns.example' is not an IP address (names are not resolved)
      server: 192.0.2.53:99999 | selftest.server: '192.0.2.53:99999': bad port '99999'
      server:                 | selftest.server: missing
      probes: []              | selftest.probes: needs at least one probe
      probes: [{name: x., type: BOGUS}] | selftest.probes[0].type: unknown record type 'BOGUS'
      probes: [{name: x., type: A, transport: quic}] | selftest.probes[0].transport: must be udp or tcp, not 'quic'
      probes: [{name: x., type: A, rcode: OOPS}] | selftest.probes[0].rcode: unknown rcode 'OOPS' (NOERROR, NXDOMAIN, ...)
      probes: [{name: x., type: A, expect: [not-an-address]}] | selftest.probes[0].expect[0]: 'not-an-address' is not A data: Invalid address: not-an-address
      probes: [{name: x., type: A, ttl: 5}] | selftest.probes[0].ttl: unknown key (known here: expect, max-latency, name, rcode, transport, type)
      probes: [{type: A}]     | selftest.probes[0].name: missing
      intervall: 1s           | selftest.intervall: unknown key
      prefixes: []            | prefixes: needs at least one prefix
      prefixes: [192.0.2.53/24] | prefixes[0]: '192.0.2.53/24' has host bits set; the network is 192.0.2.0/24
      prefixes: [192.0.2.53/32, 192.0.2.53/32] | prefixes[1]: 192.0.2.53/32 is listed twice
      prefixes: [192.0.2.53]  | prefixes[0]: '192.0.2.53' is not a prefix (ADDRESS/LENGTH)
      prefixes: [192.0.2.53/33] | prefixes[0]: '192.0.2.53/33': prefix length must be 0 to 32
      prefixes: ["2001:db8::zz/128"] | prefixes[0]: '2001:db8::zz/128': '2001:db8::zz' is not an IP address
      prefixes:               | prefixes: missing
      speaker: {type: quagga} | speaker.type: unknown speaker 'quagga' (bird, exabgp, gobgp or command)
      speaker: {type: bird}   | speaker.state-file: missing
      speaker: {type: bird, state-file: /nonexistent/dir/x.conf} | speaker.state-file: folder /nonexistent/dir does not exist
      speaker: {type: bird, state-file: STATE, birdc: []} | speaker.birdc: must be a non-empty argument list
      speaker: {type: exabgp, birdc: [birdc]} | speaker.birdc: unknown key (known here: ack, ack-timeout, type)
      speaker: {type: command, announce: [x]} | speaker.withdraw: missing
      speaker: {type: command, announce: x, withdraw: [y]} | speaker.announce: must be a list
      speaker: bird           | speaker: must be a mapping of keys to values
      """)
  void oneLinePerMistake(String line, String message) throws Exception {
    String key = line.substring(0, line.indexOf(':') + 1);
    StringBuilder yaml = new StringBuilder();
    for (String l : GOOD.split("\n")) {
      if (l.strip().startsWith(key) && !l.strip().startsWith("- ")) {
        if (!line.strip().endsWith(":")) {
          yaml.append(l, 0, l.indexOf(key)).append(line).append('\n');
        }
      } else if (l.strip().startsWith("- {name") && key.equals("probes:")) {
        continue;
      } else {
        yaml.append(l).append('\n');
      }
    }
    if (!GOOD.contains("\n  " + key) && !GOOD.contains("\n" + key)) {
      yaml.insert(yaml.indexOf("  server:"), "  " + line + "\n");
    }
    Path f = dir.resolve("sidecar.yaml");
    Files.writeString(f, yaml.toString().replace("STATE", dir.resolve("s.conf").toString()));
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f), yaml::toString);
    assertEquals(f + ": ", e.getMessage().substring(0, f.toString().length() + 2));
    String got = e.getMessage().substring(f.toString().length() + 2);
    assertEquals(true, got.startsWith(message), "got: " + got + "\nyaml:\n" + yaml);
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      'selftest: ['        | while parsing a flow node
      'a: 1\\na: 2'        | Duplicate field 'a'
      '# nothing'          | empty; it needs selftest, prefixes and speaker
      '- 1'                | top level: must be a mapping of keys to values
      """)
  void brokenFiles(String yaml, String message) throws Exception {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, yaml.replace("\\n", "\n"));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertEquals(true, e.getMessage().startsWith(f + ": " + message), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
  }
}
