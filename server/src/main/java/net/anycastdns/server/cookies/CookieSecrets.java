package net.anycastdns.server.cookies;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.anycastdns.common.SipHash;

/**
 * The server secrets DNS cookies are made and checked with (RFC 9018 section 4.4): the current one,
 * which makes every server cookie, and optionally another, still accepted. Every server of an
 * anycast set shares them, so that a cookie one PoP issued is accepted by the next a client's query
 * lands on; the second secret lets them change without refusing a client (RFC 9018 section 5).
 *
 * @param current makes new server cookies, and checks them
 * @param other also checks them (the previous secret while a new one takes over, or the next one
 *     while it reaches every server), or null
 */
public record CookieSecrets(Secret current, Secret other) {
  /** A 128-bit secret, as SipHash-2-4 takes it. */
  public record Secret(long k0, long k1) {
    static Secret of(byte[] key) {
      return new Secret(SipHash.keyHalf(key, 0), SipHash.keyHalf(key, 1));
    }
  }

  /** A random secret for this process alone: its cookies are accepted by no other server. */
  public static CookieSecrets random() {
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    return new CookieSecrets(Secret.of(key), null);
  }

  /**
   * Reads a secret file: one line of 32 hex digits (128 bits), the current secret, and optionally a
   * second such line, a secret also accepted. Empty lines and lines starting with {@code #} are
   * skipped.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException saying what is wrong with its content (never the secret)
   */
  public static CookieSecrets read(Path file) throws IOException {
    List<Secret> secrets = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      lineNumber++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (s.length() != 32 || !s.chars().allMatch(HexFormat::isHexDigit)) {
        throw new IllegalArgumentException(
            "line "
                + lineNumber
                + ": a secret is 32 hex digits (128 bits), not "
                + s.length()
                + " characters"
                + (s.chars().allMatch(HexFormat::isHexDigit) ? "" : " with other than hex digits"));
      }
      secrets.add(Secret.of(HexFormat.of().parseHex(s)));
    }
    if (secrets.isEmpty() || secrets.size() > 2) {
      throw new IllegalArgumentException(
          "holds "
              + secrets.size()
              + " secrets; give one (the current secret) or two (the current one, then another"
              + " still accepted)");
    }
    return new CookieSecrets(secrets.get(0), secrets.size() == 2 ? secrets.get(1) : null);
  }
}
