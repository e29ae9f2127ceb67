package net.anycastdns.sidecar.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.anycastdns.sidecar.health.Announcement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The BIRD state file: the two prefix sets (a never-routed placeholder when empty) and the
 * GRACEFUL_SHUTDOWN switch.
 */
class BirdStateFileTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      192.0.2.53/32 2001:db8:53::53/128 | ANNOUNCED         | 192.0.2.53/32       | 2001:db8:53::53/128 | false
      192.0.2.53/32 2001:db8:53::53/128 | GRACEFUL_SHUTDOWN | 192.0.2.53/32       | 2001:db8:53::53/128 | true
      192.0.2.53/32 2001:db8:53::53/128 | WITHDRAWN         | 0.0.0.0/32          | ::/128              | false
      192.0.2.53/32 198.51.100.0/24     | ANNOUNCED         | 192.0.2.53/32, 198.51.100.0/24 | ::/128   | false
      2001:db8:53::/48                  | ANNOUNCED         | 0.0.0.0/32          | 2001:db8:53::/48    | false
      """)
  void render(String prefixes, Announcement state, String v4, String v6, boolean gshut) {
    List<Prefix> list = Arrays.stream(prefixes.split(" ")).map(Prefix::parse).toList();
    String file = BirdSpeaker.render(list, state, Instant.parse("2026-01-01T00:00:00Z"));
    assertEquals(
        """
        # Written by anycast-dns-sidecar at 2026-01-01T00:00:00Z: %s.
        # Included by bird.conf; do not edit (the sidecar rewrites it). An empty set holds a
        # never-routed placeholder, 0.0.0.0/32 or ::/128.
        define ANYCAST_DNS_V4 = [ %s ];
        define ANYCAST_DNS_V6 = [ %s ];
        define ANYCAST_DNS_GRACEFUL_SHUTDOWN = %s;
        """
            .formatted(state.label(), v4, v6, gshut),
        file);
  }
}
