package net.anycastdns.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.anycastdns.common.HostPort;
import net.anycastdns.server.monitoring.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/**
 * What the reader makes of a good file: each default once, flags over the file, zone settings
 * inherited from the top level, and the effective values {@code --print-config} shows.
 */
class ServerConfigReaderTest {
  @TempDir Path zones;

  private ServerConfigReader.Loaded read(String yaml, Map<String, List<String>> flags)
      throws Exception {
    return ServerConfigReader.read(
        "s.yaml", ("zones: " + zones + "\n" + yaml).getBytes(StandardCharsets.UTF_8), flags);
  }

  @Test
  void defaults() throws Exception {
    ServerConfig c = read("", Map.of()).config();
    assertEquals(new SourceConfig.Folder(zones), c.source());
    assertEquals(List.of(HostPort.parse("127.0.0.1:5353", -1)), c.listen());
    assertEquals(1232, c.ednsUdpSize());
    assertEquals(Duration.ofSeconds(10), c.tcpIdleTimeout());
    assertEquals(1000, c.tcpMaxConnections());
    assertEquals(Runtime.getRuntime().availableProcessors(), c.threads());
    assertEquals(HostPort.parse("127.0.0.1:9153", -1), c.http());
    assertNull(c.pop());
    assertEquals(LogFormat.TEXT, c.logFormat());
    assertEquals(0, c.queryLog());
    assertNull(c.queryLogFile());
    assertEquals(ZonePolicies.DEFAULTS, c.policies());
  }

  @Test
  void aFlagWinsOverTheFile() throws Exception {
    ServerConfig c =
        read(
                "threads: 1\nlisten: [\"127.0.0.1:53\"]\n",
                Map.of("threads", List.of("3"), "listen", List.of("127.0.0.2:53", "[::1]:53")))
            .config();
    assertEquals(3, c.threads());
    assertEquals(
        List.of(HostPort.parse("127.0.0.2:53", -1), HostPort.parse("[::1]:53", -1)), c.listen());
  }

  @Test
  void aZoneSourceFlagReplacesTheFilesOtherSource() throws Exception {
    ServerConfig c =
        ServerConfigReader.read(
                "s.yaml",
                "zones-git: file:///srv/zones.git\n".getBytes(StandardCharsets.UTF_8),
                Map.of("zones", List.of(zones.toString())))
            .config();
    assertEquals(new SourceConfig.Folder(zones), c.source());
  }

  @Test
  void zoneSettingsInheritWhatTheyDoNotSet() throws Exception {
    Map<String, Object> noTransfer = Map.of("allow", List.of(), "notify", List.of());
    ServerConfigReader.Loaded loaded =
        read(
            "serial-policy: warn\n"
                + "zone-settings:\n"
                + "  a.test.: {}\n"
                + "  B.Test: {serial-policy: strict}\n",
            Map.of());
    ZonePolicies p = loaded.config().policies();
    assertEquals(SerialPolicy.WARN, p.of(Name.fromConstantString("a.test.")).serialPolicy());
    assertEquals(SerialPolicy.STRICT, p.of(Name.fromConstantString("b.test.")).serialPolicy());
    assertEquals(SerialPolicy.WARN, p.of(Name.fromConstantString("other.test.")).serialPolicy());
    assertEquals(
        Map.of(
            "a.test.",
            Map.of("serial-policy", "warn", "transfer", noTransfer),
            "B.Test.",
            Map.of("serial-policy", "strict", "transfer", noTransfer)),
        loaded.effective().get("zone-settings"));
  }

  @Test
  void theEffectiveSettingsNameEveryKeyWithItsValue() throws Exception {
    Map<String, Object> effective =
        read("tcp-idle-timeout: 1500ms\nhide-version: true\n", Map.of("pop", List.of("fra1")))
            .effective();
    assertEquals("1500ms", effective.get("tcp-idle-timeout"));
    assertEquals(true, effective.get("hide-version"));
    assertEquals("fra1", effective.get("pop"));
    assertEquals(List.of("127.0.0.1:5353"), effective.get("listen"));
    assertEquals(zones.toString(), effective.get("zones"));
  }

  @Test
  void onlyKeysOtherThanZoneSettingsWaitForARestart() throws Exception {
    ServerConfigReader.Loaded before = read("threads: 1\n", Map.of());
    ServerConfigReader.Loaded after =
        read("threads: 2\nserial-policy: warn\nzone-settings: {a.test.: {}}\n", Map.of());
    assertEquals(List.of("threads"), ServerConfigReader.changedForRestart(before, after));
  }
}
