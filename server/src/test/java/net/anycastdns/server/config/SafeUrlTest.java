package net.anycastdns.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A remote's credentials never show: not in the URL shown, not in a message that quotes them. */
class SafeUrlTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://ghp_secret123@git.example.net/dns/zones.git     | https://git.example.net/dns/zones.git",
        "https://x-access-token:s3cr3t@git.example.net/zones.git | https://git.example.net/zones.git",
        "ssh://git@git.example.net/dns/zones.git                 | ssh://git.example.net/dns/zones.git",
        "file:///srv/git/zones.git                               | file:///srv/git/zones.git",
      })
  void shownWithoutUserinfo(String raw, String shown) {
    assertEquals(shown, new SafeUrl(raw).toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://x-access-token:s3cr3t@git.example.net/zones.git | https://x-access-token:s3cr3t@git.example.net/zones.git: not authorized | https://git.example.net/zones.git: not authorized",
        "https://x-access-token:s3cr3t@git.example.net/zones.git | https://x-access-token@git.example.net/zones.git: 401                | https://git.example.net/zones.git: 401",
        "https://x-access-token:s3cr3t@git.example.net/zones.git | password s3cr3t rejected                                              | password *** rejected",
        "https://ghp_secret123@git.example.net/zones.git         | user ghp_secret123 unknown                                            | user *** unknown",
      })
  void scrubbedFromMessages(String raw, String message, String scrubbed) {
    assertEquals(scrubbed, new SafeUrl(raw).scrub(message));
  }
}
