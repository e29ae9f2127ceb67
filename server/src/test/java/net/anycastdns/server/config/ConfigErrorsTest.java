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
import org.junit.jupiter.api.BeforeAll;
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

  /** Secret files with mistakes, beside the zone folder's files. */
  @BeforeAll
  static void secretFiles() throws Exception {
    String secret = "0123456789abcdef0123456789abcdef";
    Files.writeString(zones.resolve("short-secret"), secret + "\n0123456789\n");
    Files.writeString(zones.resolve("odd-secret"), "0123456789abcdef0123456789abcdeg\n");
    Files.writeString(zones.resolve("three-secrets"), (secret + "\n").repeat(3));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      YAML syntax              | zones: [a, b                      | s.yaml:1: YAML syntax: while parsing a flow sequence
      a duplicate key          | zones: ZONES // threads: 1 // threads: 2 | s.yaml:3: duplicate key 'threads' (first on line 2)
      not a mapping            | - zones                           | s.yaml:1: the file must be a mapping of keys to values (zones, zones-git, git-branch, git-path, git-poll, git-dir, listen, identity, server-version, hide-version, edns-udp-size, tcp-idle-timeout, tcp-max-connections, tcp-max-connections-per-client, tcp-max-in-flight, tcp-slow-reader-timeout, tcp-buffer-memory, threads, http, pop, log-format, query-log, query-log-file, tsig-keys, ixfr-history, rrl, cookies, serial-policy, transfer, dnssec, zone-settings)
      an unknown key, near one | zones: ZONES // treads: 2         | s.yaml:2: unknown key 'treads' at the top level: did you mean 'threads'? (known: zones, zones-git, git-branch, git-path, git-poll, git-dir, listen, identity, server-version, hide-version, edns-udp-size, tcp-idle-timeout, tcp-max-connections, tcp-max-connections-per-client, tcp-max-in-flight, tcp-slow-reader-timeout, tcp-buffer-memory, threads, http, pop, log-format, query-log, query-log-file, tsig-keys, ixfr-history, rrl, cookies, serial-policy, transfer, dnssec, zone-settings)
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
      a zone setting unknown   | zones: ZONES // zone-settings: {example.com.: {serial: warn}} | s.yaml:2: unknown key 'serial' in zone-settings of example.com. (known: serial-policy, transfer, dnssec)
      a zone setting wrong     | zones: ZONES // zone-settings: {example.com.: {serial-policy: lax}} | s.yaml:2: zone-settings of example.com.: serial-policy must be strict or warn, not 'lax'
      hmac-md5                 | zones: ZONES // tsig-keys: [{name: k., algorithm: hmac-md5, secret: c2VjcmV0}] | s.yaml:2: tsig-keys: key k.: hmac-md5 is refused: MD5 is broken and RFC 8945 section 6 deprecates it; use hmac-sha256
      an unknown algorithm     | zones: ZONES // tsig-keys: [{name: k., algorithm: sha3, secret: c2VjcmV0}] | s.yaml:2: tsig-keys: key k.: algorithm must be hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha224 or hmac-sha1, not 'sha3'
      a secret not in base64   | zones: ZONES // tsig-keys: [{name: k., secret: "not base64!"}] | s.yaml:2: tsig-keys: key k.: the secret is not base64 (as tsig-keygen prints it)
      no secret                | zones: ZONES // tsig-keys: [{name: k.}] | s.yaml:2: tsig-keys: key k.: give secret or secret-file
      two secrets              | zones: ZONES // tsig-keys: [{name: k., secret: c2VjcmV0, secret-file: /k}] | s.yaml:2: tsig-keys: key k.: give secret or secret-file, not both
      a key given twice        | zones: ZONES // tsig-keys: [{name: k., secret: c2VjcmV0}, {name: K., secret: c2VjcmV0}] | s.yaml:2: tsig-keys: key K. is given twice
      a key with no name       | zones: ZONES // tsig-keys: [{secret: c2VjcmV0}] | s.yaml:2: tsig-keys: every key needs a name
      an unreadable secret file | zones: ZONES // tsig-keys: [{name: k., secret-file: /nonexistent/k}] | s.yaml:2: tsig-keys: key k.: cannot read secret-file /nonexistent/k: no such file
      an unknown transfer key  | zones: ZONES // transfer: {allow: [{from: 192.0.2.0/24, key: k.}]} | s.yaml:2: transfer allow: unknown key 'k.' (tsig-keys has none)
      a transfer rule, no from | zones: ZONES // transfer: {allow: [{key: k.}]} | s.yaml:2: transfer allow: every entry needs from: (a network, 0.0.0.0/0 for any IPv4 client)
      a bad transfer network   | zones: ZONES // transfer: {allow: [{from: 192.0.2.7/24}]} | s.yaml:2: transfer allow from: '192.0.2.7/24' has host bits set; the network is 192.0.2.0/24
      a host name to notify    | zones: ZONES // transfer: {notify: [ns2.example.net]} | s.yaml:2: transfer notify: 'ns2.example.net': 'ns2.example.net' is not an IP address (names are not resolved)
      a transfer key unknown   | zones: ZONES // transfer: {allowed: []} | s.yaml:2: unknown key 'allowed' in transfer: did you mean 'allow'? (known: allow, notify)
      a zone's transfer, wrong | zones: ZONES // tsig-keys: [{name: a., secret: c2VjcmV0}] // zone-settings: {example.com.: {transfer: {allow: [{from: 192.0.2.0/24, key: b.}]}}} | s.yaml:3: zone-settings of example.com.: transfer allow: unknown key 'b.' (tsig-keys has a.)
      a key folder missing     | zones: ZONES // dnssec: {keys: /nonexistent/keys} | s.yaml:2: dnssec: keys: key folder /nonexistent/keys is not a folder
      a denial not offered     | zones: ZONES // dnssec: {denial: nsec5} | s.yaml:2: dnssec: denial must be nsec or nsec3, not 'nsec5'
      NSEC3 iterations too many | zones: ZONES // dnssec: {nsec3-iterations: 500} | s.yaml:2: dnssec: nsec3-iterations must be at most 100
      an NSEC3 salt not hex    | zones: ZONES // dnssec: {nsec3-salt: salty} | s.yaml:2: dnssec: nsec3-salt: not a salt in hexadecimal of at most 255 octets, or - for none: 'salty'
      a validity too short     | zones: ZONES // dnssec: {signature-validity: 1h} | s.yaml:2: dnssec: signature-validity must be at least 3h
      a dnssec key unknown     | zones: ZONES // dnssec: {nsec: true} | s.yaml:2: unknown key 'nsec' in dnssec (known: keys, denial, nsec3-iterations, nsec3-salt, nsec3-opt-out, signature-validity)
      keys are server-wide     | zones: ZONES // zone-settings: {example.com.: {dnssec: {keys: /tmp}}} | s.yaml:2: unknown key 'keys' in zone-settings of example.com.: dnssec (known: denial, nsec3-iterations, nsec3-salt, nsec3-opt-out, signature-validity)
      a zone's denial wrong    | zones: ZONES // zone-settings: {example.com.: {dnssec: {denial: yes}}} | s.yaml:2: zone-settings of example.com.: dnssec: denial must be nsec or nsec3, not 'yes'
      several at once          | zones: ZONES // threads: 0 // query-log: -1 | s.yaml:2: threads must be at least 1 ~~ s.yaml:3: query-log must be at least 0
      no in-flight queries     | zones: ZONES // tcp-max-in-flight: 0 | s.yaml:2: tcp-max-in-flight must be at least 1
      no slow reader timeout   | zones: ZONES // tcp-slow-reader-timeout: 0s | s.yaml:2: tcp-slow-reader-timeout must be longer than 0
      a size not in KiB, MiB, GiB | zones: ZONES // tcp-buffer-memory: 64MB | s.yaml:2: tcp-buffer-memory: bad size '64MB' (use 512KiB, 64MiB or 1GiB)
      rrl not a mapping        | zones: ZONES // rrl: 50           | s.yaml:2: rrl must be a mapping (key: value lines)
      an rrl key unknown       | zones: ZONES // rrl: {rates: 5}   | s.yaml:2: unknown key 'rates' in rrl: did you mean 'rate'? (known: rate, slip, window, ipv4-prefix, ipv6-prefix, exempt)
      a negative rate          | zones: ZONES // rrl: {rate: -1}   | s.yaml:2: rrl: rate must be at least 0
      a slip that is no number | zones: ZONES // rrl: {slip: many} | s.yaml:2: rrl: slip must be a whole number, not 'many'
      a window too long        | zones: ZONES // rrl: {window: 2h} | s.yaml:2: rrl: window must be whole seconds, from 1s to 1h
      a window in parts of a second | zones: ZONES // rrl: {window: 1500ms} | s.yaml:2: rrl: window must be whole seconds, from 1s to 1h
      an IPv6 prefix too long  | zones: ZONES // rrl: {ipv6-prefix: 72} | s.yaml:2: rrl: ipv6-prefix must be at most 64
      an exempt network, typo  | zones: ZONES // rrl: {exempt: [10.0.0.1/8]} | s.yaml:2: rrl: exempt: '10.0.0.1/8' has host bits set; the network is 10.0.0.0/8
      a cookie key unknown     | zones: ZONES // cookies: {secret: x} | s.yaml:2: unknown key 'secret' in cookies (known: secret-file)
      no secret file           | zones: ZONES // cookies: {secret-file: ZONES/missing} | s.yaml:2: cookies: secret-file: ZONES/missing does not exist
      a secret too short       | zones: ZONES // cookies: {secret-file: ZONES/short-secret} | s.yaml:2: cookies: secret-file: ZONES/short-secret: line 2: a secret is 32 hex digits (128 bits), not 10 characters
      a secret not in hex      | zones: ZONES // cookies: {secret-file: ZONES/odd-secret} | s.yaml:2: cookies: secret-file: ZONES/odd-secret: line 1: a secret is 32 hex digits (128 bits), not 32 characters with other than hex digits
      three secrets            | zones: ZONES // cookies: {secret-file: ZONES/three-secrets} | s.yaml:2: cookies: secret-file: ZONES/three-secrets: holds 3 secrets; give one (the current secret) or two (the current one, then another still accepted)
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
    assertEquals(
        Arrays.asList(expected.replace("ZONES", zones.toString()).split(" ~~ ")), lines(e), what);
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
      rrl-rate     | fast            | --rrl-rate: rrl: rate must be a whole number, not 'fast'
      rrl-slip     | 101             | --rrl-slip: rrl: slip must be at most 100
      cookie-secret-file | /nonexistent/secret | --cookie-secret-file: cookies: secret-file: /nonexistent/secret does not exist
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
