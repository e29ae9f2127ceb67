package net.anycastdns.server.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BIND 9 ({@code named}) as a TSIG-authenticated secondary: see {@link SecondaryScenario}. */
class BindSecondaryTest {
  @TempDir Path dir;

  @Test
  void bindFollowsUsByIxfr() throws Exception {
    SecondaryScenario s = new SecondaryScenario(dir, Secondary.prepare("bind9", dir, "named"));
    try {
      s.start(BindSecondaryTest::start);
      s.holdsExactlyOurZone();
      long ms = s.followsAChange();
      s.secondary.awaitLog("zone example.test/IN: requesting IXFR");
      // The differences: 7 records (three SOAs, one removed, two added), not the 205 of the zone.
      s.secondary.awaitLog("Transfer completed: 1 messages, 7 records", "(serial 2026010102)");
      s.tookDifferences();
      s.theWrongKeyIsRefused();
      s.secondary.awaitLog("zone other.test/IN: refresh: failure", "tsig indicates error");
      System.out.println("[bind9] took the change by IXFR " + ms + " ms after the reload");
    } finally {
      s.close();
    }
  }

  private static void start(Secondary s, int primary) throws java.io.IOException {
    Path conf = s.dir.resolve("named.conf");
    String primaries = "127.0.0.1 port " + primary;
    Files.write(
        conf,
        List.of(
            "options {",
            "  directory \"" + s.dir + "\";",
            "  listen-on port " + s.port + " { 127.0.0.1; };",
            "  listen-on-v6 { none; };",
            "  pid-file \"" + s.dir.resolve("named.pid") + "\";",
            "  session-keyfile \"" + s.dir.resolve("session.key") + "\";",
            "  recursion no;",
            "  notify no;",
            "  dnssec-validation no;",
            "  allow-transfer { 127.0.0.1; };",
            "};",
            "key \"xfr-key.\" { algorithm hmac-sha256; secret \"" + Transfers.SECRET + "\"; };",
            "key \"other-key.\" { algorithm hmac-sha256; secret \""
                + SecondaryScenario.WRONG_SECRET
                + "\"; };",
            "controls { };",
            "logging {",
            "  channel file { file \"" + s.log + "\"; severity debug 1; print-time yes; };",
            "  category default { file; };",
            "};",
            "zone \"example.test\" {",
            "  type secondary;",
            "  file \"example.test.bk\";",
            "  primaries { " + primaries + " key \"xfr-key.\"; };",
            "  allow-notify { 127.0.0.1; };",
            "};",
            "zone \"other.test\" {",
            "  type secondary;",
            "  file \"other.test.bk\";",
            "  primaries { " + primaries + " key \"other-key.\"; };",
            "};"));
    s.start(List.of("/usr/sbin/named", "-f", "-u", "root", "-c", conf.toString()));
  }
}
