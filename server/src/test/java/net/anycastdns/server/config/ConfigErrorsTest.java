package net.anycastdns.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.common.yaml.ConfigProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of mistake in the configuration file is reported as {@code file:line: message}, every
 * one of them at once, worded for the operator. Each row is a file (lines joined by {@code //}) and
 * the problems expected, in order ({@code ZONES} stands for a zone folder that exists).
 */
class ConfigErrorsTest {
  @TempDir static Path zones;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      YAML syntax              | zones: [a, b                      | s.yaml:1: YAML syntax: while parsing a flow sequence
      a duplicate key          | zones: ZONES // threads: 1 // threads: 2 | s.yaml:3: duplicate key 'threads' (first on line 2)
      not a mapping            | - zones                           | s.yaml:1: the file must be a mapping of keys to values (zones, zones-git, git-branch, git-path, git-poll, git-dir, listen, identity, server-version, hide-version, edns-udp-size, tcp-idle-timeout, tcp-max-connections, threads, http, pop, log-format, query-log, query-log-file, serial-policy, dnssec, zone-settings)
      an unknown key, near one | zones: ZONES // treads: 2         | s.yaml:2: unknown key 'treads' at the top level: did you mean 'threads'? (known: zones, zones-git, git-branch, git-path, git-poll, git-dir, listen, identity, server-version, hide-version, edns-udp-size, tcp-idle-timeout, tcp-max-connections, threads, http, pop, log-format, query-log, query-log-file, serial-policy, dnssec, zone-settings)
      a word for a number      | zones: ZONES // threads: two      | s.yaml:2: threads must be a whole number, not 'two'
      a number out of range    | zones: ZONES // edns-udp-size: 9000 | s.yaml:2: edns-udp-size must be at most 4096
      a list for a number      | zones: ZONES // threads: [1, 2]   | s.yaml:2: threads must be a single value
      a key with no value      | zones: ZONES // threads:          | s.yaml:2: threads needs a value
      a bad duration           | zones: ZONES // tcp-idle-timeout: soon | s.yaml:2: tcp-idle-timeout: bad duration 'soon' (use 500ms, 10s, 2m or 1h)
      a duration too long      | zones: ZONES // tcp-idle-timeout: 99999999999999999999s | s.yaml:2: tcp-idle-timeout: bad duration '99999999999999999999s' (use 500ms, 10s, 2m or 1h)
      a zero duration          | zones: ZONES // tcp-idle-timeout: 0s | s.yaml:2: tcp-idle-timeout must be longer than 0
      a listen scalar, bad     | zones: ZONES // listen: 127.0.0.1 | s.yaml:2: listen: '127.0.0.1': missing port (ADDRESS:PORT)
      a host name, not an IP   | zones: ZONES // http: localhost:9153 | s.yaml:2: http: 'localhost:9153': 'localhost' is not an IP address (names are not resolved)
      a choice not offered     | zones: ZONES // log-format: xml   | s.yaml:2: log-format must be text or json, not 'xml'
      not true or false        | zones: ZONES // hide-version: yes please | s.yaml:2: hide-version must be true or false, not 'yes please'
      a bad PoP name           | zones: ZONES // pop: fra 1        | s.yaml:2: pop: bad pop name 'fra 1' (use letters, digits, -, _ and .)
      a missing folder         | zones: /nonexistent/zones         | s.yaml:1: zone folder /nonexistent/zones is not a folder
      both sources             | zones: ZONES // zones-git: file:///srv/z.git | s.yaml:2: zones and zones-git are mutually exclusive: give one
      git settings, no git     | zones: ZONES // git-branch: prod  | s.yaml:2: git-branch is for zones from git: give zones-git too
      a bad zone name          | zones: ZONES // zone-settings: {a..b: {}} | s.yaml:2: zone-settings: bad zone name 'a..b': invalid empty label
      a zone setting unknown   | zones: ZONES // zone-settings: {example.com.: {serial: warn}} | s.yaml:2: unknown key 'serial' in zone-settings of example.com. (known: serial-policy, dnssec)
      a zone setting wrong     | zones: ZONES // zone-settings: {example.com.: {serial-policy: lax}} | s.yaml:2: zone-settings of example.com.: serial-policy must be strict or warn, not 'lax'
      a key folder missing     | zones: ZONES // dnssec: {keys: /nonexistent/keys} | s.yaml:2: dnssec: keys: key folder /nonexistent/keys is not a folder
      a denial not offered     | zones: ZONES // dnssec: {denial: nsec5} | s.yaml:2: dnssec: denial must be nsec or nsec3, not 'nsec5'
      NSEC3 iterations too many | zones: ZONES // dnssec: {nsec3-iterations: 500} | s.yaml:2: dnssec: nsec3-iterations must be at most 100
      an NSEC3 salt not hex    | zones: ZONES // dnssec: {nsec3-salt: salty} | s.yaml:2: dnssec: nsec3-salt: not a salt in hexadecimal of at most 255 octets, or - for none: 'salty'
      a validity too short     | zones: ZONES // dnssec: {signature-validity: 1h} | s.yaml:2: dnssec: signature-validity must be at least 3h
      a dnssec key unknown     | zones: ZONES // dnssec: {nsec: true} | s.yaml:2: unknown key 'nsec' in dnssec (known: keys, denial, nsec3-iterations, nsec3-salt, nsec3-opt-out, signature-validity)
      keys are server-wide     | zones: ZONES // zone-settings: {example.com.: {dnssec: {keys: /tmp}}} | s.yaml:2: unknown key 'keys' in zone-settings of example.com.: dnssec (known: denial, nsec3-iterations, nsec3-salt, nsec3-opt-out, signature-validity)
      a zone's denial wrong    | zones: ZONES // zone-settings: {example.com.: {dnssec: {denial: yes}}} | s.yaml:2: zone-settings of example.com.: dnssec: denial must be nsec or nsec3, not 'yes'
      several at once          | zones: ZONES // threads: 0 // query-log: -1 | s.yaml:2: threads must be at least 1 ~~ s.yaml:3: query-log must be at least 0
      """)
  void eachMistakeIsOneLineWithItsPlace(String what, String yaml, String expected)
      throws Exception {
    byte[] file =
        yaml.replace(" // ", "\n")
            .replace("ZONES", zones.toString())
            .getBytes(StandardCharsets.UTF_8);
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ServerConfigReader.read("s.yaml", file, Map.of()), what);
    assertEquals(Arrays.asList(expected.split(" ~~ ")), lines(e), what);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      threads      | two             | --threads: threads must be a whole number, not 'two'
      listen       | localhost:53    | --listen: listen: 'localhost:53': 'localhost' is not an IP address (names are not resolved)
      git-poll     | 5s              | --git-poll: git-poll is for zones from git: give zones-git too
      serial-policy | sometimes      | --serial-policy: serial-policy must be strict or warn, not 'sometimes'
      """)
  void aFlagsMistakeNamesTheFlag(String key, String value, String expected) throws Exception {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ServerConfigReader.read(
                    "s.yaml",
                    ("zones: " + zones).getBytes(StandardCharsets.UTF_8),
                    Map.of(key, List.of(value))));
    assertEquals(List.of(expected), lines(e));
  }

  @Test
  void anUnreadableFile() {
    Path missing = zones.resolve("missing.yaml");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ServerConfigReader.read(missing, Map.of()));
    assertEquals(1, e.problems().size());
    assertTrue(lines(e).get(0).startsWith(missing + ": cannot read: "), lines(e).get(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      an empty file       | ''
      comments only       | '# nothing set'
      a document marker   | '---'
      """)
  void aFileWithNothingSetMeansTheDefaults(String what, String yaml) throws Exception {
    Path file = Files.writeString(zones.resolve("empty.yaml"), yaml.replace("'", ""));
    ServerConfig config =
        ServerConfigReader.read(file, Map.of("zones", List.of(zones.toString()))).config();
    assertEquals(1232, config.ednsUdpSize(), what);
  }

  private static List<String> lines(ConfigException e) {
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }
}
