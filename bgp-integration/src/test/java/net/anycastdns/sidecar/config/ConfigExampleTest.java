package net.anycastdns.sidecar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.anycastdns.sidecar.probe.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples load with the values they say, and defaults fill the rest. */
class ConfigExampleTest {
  @TempDir Path dir;

  @Test
  void theIssueExampleLoads() throws Exception {
    SidecarConfig c =
        load(
            """
        selftest:
          server: 192.0.2.53:53
          interval: 1s
          timeout: 500ms
          rise: 2
          fall: 3
          probes:
            - {name: example.com., type: SOA, transport: udp}
            - {name: www.example.com., type: A, transport: tcp, expect: [192.0.2.10]}
        prefixes: [192.0.2.53/32, "2001:db8:53::53/128"]
        speaker: {type: bird, state-file: STATE, birdc: [birdc, -s, /run/bird/bird.ctl]}
        """);
    SelfTestConfig s = c.selftest();
    assertEquals("192.0.2.53", s.server().getAddress().getHostAddress());
    assertEquals(53, s.server().getPort());
    assertEquals(Duration.ofSeconds(1), s.interval());
    assertEquals(Duration.ofMillis(500), s.fastInterval());
    assertEquals(Duration.ofMillis(500), s.timeout());
    assertEquals(2, s.rise());
    assertEquals(3, s.fall());
    assertEquals(2, s.probes().size());
    assertEquals("example.com./SOA/udp", s.probes().get(0).label());
    assertEquals("www.example.com./A/tcp", s.probes().get(1).label());
    assertEquals(Transport.TCP, s.probes().get(1).transport());
    assertEquals("192.0.2.10", s.probes().get(1).expect().get(0).rdataToString());
    assertEquals(List.of(), s.peers());
    assertEquals("[192.0.2.53/32, 2001:db8:53::53/128]", c.prefixes().toString());
    SpeakerConfig.Bird bird = (SpeakerConfig.Bird) c.speaker();
    assertEquals(dir.resolve("state.conf"), bird.stateFile());
    assertEquals(List.of("birdc", "-s", "/run/bird/bird.ctl"), bird.birdc());
    assertEquals(Duration.ofSeconds(30), c.drainDelay());
  }

  @Test
  void defaultsFillWhatIsNotSaid() throws Exception {
    SidecarConfig c =
        load(
            """
        selftest:
          server: "[2001:db8::53]"
          probes: [{name: example.com, type: soa}]
        prefixes: ["2001:db8:53::/48"]
        speaker: {type: exabgp}
        """);
    SelfTestConfig s = c.selftest();
    assertEquals(53, s.server().getPort());
    assertEquals(Duration.ofSeconds(1), s.interval());
    assertEquals(Duration.ofMillis(500), s.fastInterval());
    assertEquals(Duration.ofSeconds(1), s.timeout());
    assertEquals(3, s.rise());
    assertEquals(3, s.fall());
    assertEquals("example.com./SOA/udp", s.probes().get(0).label());
    assertEquals(Optional.empty(), s.probes().get(0).maxLatency());
    assertEquals(new SpeakerConfig.ExaBgp(true, Duration.ofSeconds(5)), c.speaker());
  }

  @Test
  void everyDriverAndOptionLoads() throws Exception {
    SidecarConfig c =
        load(
            """
        selftest:
          server: 192.0.2.53
          interval: 200ms
          fast-interval: 50ms
          timeout: 150ms
          max-latency: 100ms
          probes:
            - {name: www.example.com., type: A, rcode: NOERROR, max-latency: 20ms}
            - {name: nope.example.com., type: AAAA, rcode: nxdomain}
          peers: [198.51.100.53, "[2001:db8:1::53]:5353"]
        prefixes: [192.0.2.53/32]
        drain-delay: 0s
        speaker:
          type: command
          announce: [/usr/local/bin/route-ctl, add, "{prefix}"]
          withdraw: [/usr/local/bin/route-ctl, del, "{prefix}"]
          drain: [/usr/local/bin/route-ctl, add, "{prefix}", --community, "65535:0"]
          timeout: 3s
        """);
    SelfTestConfig s = c.selftest();
    assertEquals(Duration.ofMillis(50), s.fastInterval());
    assertEquals(Optional.of(Duration.ofMillis(20)), s.probes().get(0).maxLatency());
    assertEquals(Optional.of(Duration.ofMillis(100)), s.probes().get(1).maxLatency());
    assertEquals(3, s.probes().get(1).rcode());
    assertEquals(2, s.peers().size());
    assertEquals(5353, s.peers().get(1).getPort());
    assertEquals(Duration.ZERO, c.drainDelay());
    SpeakerConfig.Command cmd = (SpeakerConfig.Command) c.speaker();
    assertEquals("{prefix}", cmd.announce().get(2));
    assertTrue(cmd.drain().isPresent());
    assertEquals(Duration.ofSeconds(3), cmd.timeout());

    SpeakerConfig.GoBgp gobgp =
        (SpeakerConfig.GoBgp)
            load("""
        selftest: {server: 192.0.2.53, probes: [{name: example.com., type: SOA}]}
        prefixes: [192.0.2.53/32]
        speaker: {type: gobgp, gobgp: [gobgp, -u, 127.0.0.1, -p, "50051"]}
        """)
                .speaker();
    assertEquals(List.of("gobgp", "-u", "127.0.0.1", "-p", "50051"), gobgp.gobgp());
  }

  private SidecarConfig load(String yaml) throws Exception {
    Path f = dir.resolve("sidecar.yaml");
    Files.writeString(f, yaml.replace("STATE", dir.resolve("state.conf").toString()));
    return ConfigLoader.load(f);
  }
}
