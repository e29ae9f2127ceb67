package net.anycastdns.server.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NSD as a TSIG-authenticated secondary: see {@link SecondaryScenario}. */
class NsdSecondaryTest {
  @TempDir Path dir;

  @Test
  void nsdFollowsUs() throws Exception {
    SecondaryScenario s = new SecondaryScenario(dir, Secondary.prepare("nsd", dir, "nsd"));
    try {
      s.start(NsdSecondaryTest::start);
      s.holdsExactlyOurZone();
      long ms = s.followsAChange();
      s.theWrongKeyIsRefused();
      System.out.println("[nsd] took the change " + ms + " ms after the reload");
    } finally {
      s.close();
    }
  }

  private static void start(Secondary s, int primary) throws java.io.IOException {
    Path conf = s.dir.resolve("nsd.conf");
    Files.write(
        conf,
        List.of(
            "server:",
            "  ip-address: 127.0.0.1@" + s.port,
            "  port: " + s.port,
            "  username: \"\"",
            "  chroot: \"\"",
            "  zonesdir: \"" + s.dir + "\"",
            "  database: \"\"",
            "  zonelistfile: \"" + s.dir.resolve("zone.list") + "\"",
            "  pidfile: \"" + s.dir.resolve("nsd.pid") + "\"",
            "  xfrdfile: \"" + s.dir.resolve("xfrd.state") + "\"",
            "  xfrdir: \"" + s.dir + "\"",
            "  logfile: \"" + s.log + "\"",
            "  verbosity: 2",
            "  server-count: 1",
            "remote-control:",
            "  control-enable: no",
            "key:",
            "  name: \"xfr-key.\"",
            "  algorithm: hmac-sha256",
            "  secret: \"" + Transfers.SECRET + "\"",
            "key:",
            "  name: \"other-key.\"",
            "  algorithm: hmac-sha256",
            "  secret: \"" + SecondaryScenario.WRONG_SECRET + "\"",
            "zone:",
            "  name: \"example.test\"",
            "  zonefile: \"example.test.zone\"",
            "  allow-notify: 127.0.0.1 xfr-key.",
            "  request-xfr: 127.0.0.1@" + primary + " xfr-key.",
            "  provide-xfr: 127.0.0.1 NOKEY",
            "zone:",
            "  name: \"other.test\"",
            "  zonefile: \"other.test.zone\"",
            "  request-xfr: 127.0.0.1@" + primary + " other-key."));
    s.start(List.of("/usr/sbin/nsd", "-d", "-c", conf.toString()));
  }
}
