package net.anycastdns.sidecar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.anycastdns.common.yaml.ConfigException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every mistake is one line naming the file, its line, the key and the problem. Each row replaces
 * one line of a good configuration ({@code KEY=} removes it).
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
      fall: 0                 | 6: selftest.fall must be at least 1
      rise: two               | 5: selftest.rise must be a whole number, not 'two'
      interval: 1 second      | 3: selftest.interval: bad duration '1 second' (use 500ms, 10s, 2m or 1h)
      interval: 0s            | 3: selftest.interval must be longer than 0
      timeout: 2s             | 4: selftest.timeout must not be longer than interval (1000ms), or one slow probe would delay every decision
      server: dns.example:53  | 2: selftest.server: 'dns.example:53': 'dns.example' is not an IP address (names are not resolved)
      server: 192.0.2.53:99999 | 2: selftest.server: '192.0.2.53:99999': bad port '99999'
      server:                 | 2: selftest needs server
      probes: []              | 7: selftest.probes needs at least one probe
      probes: [{name: x., type: BOGUS}] | 7: selftest.probes[0].type: unknown record type 'BOGUS'
      probes: [{name: x., type: A, transport: quic}] | 7: selftest.probes[0].transport must be udp or tcp, not 'quic'
      probes: [{name: x., type: A, rcode: OOPS}] | 7: selftest.probes[0].rcode: unknown rcode 'OOPS' (NOERROR, NXDOMAIN, ...)
      probes: [{name: x., type: A, expect: [not-an-address]}] | 7: selftest.probes[0].expect[0]: 'not-an-address' is not A data: Invalid address: not-an-address
      probes: [{name: x., type: A, ttl: 5}] | 7: unknown key 'ttl' in selftest.probes[0] (known: name, type, transport, rcode, expect, max-latency)
      probes: [{type: A}]     | 7: selftest.probes[0] needs name
      intervall: 1s           | 2: unknown key 'intervall' in selftest: did you mean 'interval'? (known: server, interval, fast-interval, timeout, rise, fall, max-latency, probes, peers)
      prefixes: []            | 9: prefixes needs at least one prefix
      prefixes: [192.0.2.53/24] | 9: prefixes[0]: '192.0.2.53/24' has host bits set; the network is 192.0.2.0/24
      prefixes: [192.0.2.53/32, 192.0.2.53/32] | 9: prefixes[1]: 192.0.2.53/32 is listed twice
      prefixes: [192.0.2.53]  | 9: prefixes[0]: '192.0.2.53' is not a prefix (ADDRESS/LENGTH)
      prefixes: [192.0.2.53/33] | 9: prefixes[0]: '192.0.2.53/33': prefix length must be 0 to 32
      prefixes: ["2001:db8::zz/128"] | 9: prefixes[0]: '2001:db8::zz/128': '2001:db8::zz' is not an IP address
      prefixes:               | 1: the top level needs prefixes
      speaker: {type: quagga} | 10: speaker.type must be bird, exabgp, gobgp or command, not 'quagga'
      speaker: {type: bird}   | 10: speaker needs state-file
      speaker: {type: bird, state-file: /nonexistent/dir/x.conf} | 10: speaker.state-file: folder /nonexistent/dir does not exist
      speaker: {type: bird, state-file: STATE, birdc: []} | 10: speaker.birdc must be a non-empty argument list, such as [birdc, -s, /run/bird/bird.ctl]
      speaker: {type: exabgp, birdc: [birdc]} | 10: unknown key 'birdc' in speaker (exabgp) (known: type, ack, ack-timeout)
      speaker: {type: command, announce: [x]} | 10: speaker needs withdraw
      speaker: {type: command, announce: x, withdraw: [y]} | 10: speaker.announce must be a list, such as [birdc, -s, /run/bird/bird.ctl]
      speaker: bird           | 10: speaker must be a mapping (key: value lines)
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
    assertEquals(List.of(f + ":" + message), lines(e), yaml::toString);
  }

  /** Every problem of a broken file, each with its line. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      'selftest: ['   | 1: YAML syntax: while parsing a flow node
      'a: 1\\na: 2'   | 1: unknown key 'a' at the top level (known: selftest, prefixes, speaker, drain-delay) // 1: the top level needs selftest // 1: the top level needs prefixes // 1: the top level needs speaker // 2: duplicate key 'a' (first on line 1)
      '# nothing'     | 1: the top level needs selftest // 1: the top level needs prefixes // 1: the top level needs speaker
      '- 1'           | 1: the file must be a mapping of keys to values (selftest, prefixes, speaker, drain-delay)
      """)
  void brokenFiles(String yaml, String messages) throws Exception {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, yaml.replace("\\n", "\n"));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    List<String> expected = Arrays.stream(messages.split(" // ")).map(m -> f + ":" + m).toList();
    // A syntax error's message goes on after its first words ("..., expected ','"); the words
    // that say what it is are enough to check.
    List<String> got =
        lines(e).stream().map(l -> l.startsWith(expected.get(0)) ? expected.get(0) : l).toList();
    assertEquals(expected, got);
  }

  private static List<String> lines(ConfigException e) {
    return e.problems().stream().map(Object::toString).toList();
  }
}
