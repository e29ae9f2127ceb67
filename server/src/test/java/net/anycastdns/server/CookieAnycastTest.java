package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * DNS cookies across an anycast set: a cookie one server issued is valid at another with the same
 * secret file, and stays valid through a rotation of the secret (RFC 9018 section 5), done as the
 * README says, with SIGHUP.
 */
@Timeout(60)
class CookieAnycastTest {
  private static final String OLD = "e5e973e5a6b2a43f48e7dc849e37bfcf";
  private static final String NEW = "445536bcd2513298075a5d379663c962";
  private static final byte[] CLIENT = {9, 8, 7, 6, 5, 4, 3, 2};

  @TempDir Path dir;

  @Test
  void aCookieIssuedByOneServerIsValidAtAnother() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), OLD + "\n");
    try (RunningServer a = server(secret);
        RunningServer b = server(secret)) {
      byte[] cookie = cookieFrom(a, CLIENT);
      ask(b, cookie);
      assertEquals(1, valid(b), "b accepts what a issued");
    }
  }

  @Test
  void aRotationRefusesNoCookie() throws Exception {
    Path onA = Files.writeString(dir.resolve("a"), OLD + "\n");
    Path onB = Files.writeString(dir.resolve("b"), OLD + "\n");
    try (RunningServer a = server(onA);
        RunningServer b = server(onB)) {
      byte[] old = cookieFrom(a, CLIENT);

      // 1. The new secret as the second line, everywhere: accepted, not yet used.
      Files.writeString(onA, OLD + "\n" + NEW + "\n");
      Files.writeString(onB, OLD + "\n" + NEW + "\n");
      a.server().hangup();
      b.server().hangup();
      ask(b, old);
      assertEquals(1, valid(b));

      // 2. Swapped on a only: a issues cookies under the new secret, which b already accepts.
      Files.writeString(onA, NEW + "\n" + OLD + "\n");
      a.server().hangup();
      byte[] renewed = cookieFrom(a, old);
      assertEquals(1, valid(a), "a still accepts the old one");
      ask(b, renewed);
      assertEquals(2, valid(b), "b accepts what a issued under the new secret");

      // 3. The old secret gone: cookies issued under it are replaced, not refused.
      Files.writeString(onA, NEW + "\n");
      Files.writeString(onB, NEW + "\n");
      a.server().hangup();
      b.server().hangup();
      ask(b, renewed);
      assertEquals(3, valid(b));
      Message answer = ask(b, old);
      assertEquals(Rcode.NOERROR, answer.getRcode(), "a stale cookie is answered all the same");
      assertEquals(1, b.scrape().value("dns_cookies_total", "result", "invalid"));
    }
  }

  @Test
  void aSecretFileWithAMistakeKeepsTheSecretInUse() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), OLD + "\n");
    try (RunningServer a = server(secret)) {
      byte[] cookie = cookieFrom(a, CLIENT);
      Files.writeString(secret, "not hex\n");
      a.server().hangup();
      assertArrayEquals(cookie, cookieFrom(a, cookie), "still valid, sent back as it came");
      assertEquals(1, valid(a));
    }
  }

  private RunningServer server(Path secret) throws Exception {
    Path zones = Files.createTempDirectory(dir, "zones");
    return RunningServer.folder(
        ExampleZones.exampleFolder(zones), "cookies: {secret-file: " + secret + "}");
  }

  /** Asks {@code server} with {@code cookie}; returns the COOKIE option it answers with. */
  private static byte[] cookieFrom(RunningServer server, byte[] cookie) throws Exception {
    CookieOption c =
        (CookieOption) ask(server, cookie).getOPT().getOptions(EDNSOption.Code.COOKIE).get(0);
    byte[] back = c.getServerCookie().orElseThrow();
    byte[] both = Arrays.copyOf(c.getClientCookie(), 8 + back.length);
    System.arraycopy(back, 0, both, 8, back.length);
    return both;
  }

  private static Message ask(RunningServer server, byte[] cookie) throws Exception {
    return server.udp(
        Queries.edns(
            Queries.query("www.example.test.", Type.A),
            1232,
            false,
            new GenericEDNSOption(EDNSOption.Code.COOKIE, cookie)));
  }

  private static double valid(RunningServer server) throws Exception {
    return server.scrape().value("dns_cookies_total", "result", "valid");
  }
}
