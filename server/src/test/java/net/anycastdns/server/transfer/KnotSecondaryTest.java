package net.anycastdns.server.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Knot DNS ({@code knotd}) as a TSIG-authenticated secondary: see {@link SecondaryScenario}. */
class KnotSecondaryTest {
  @TempDir Path dir;

  @Test
  void knotFollowsUsByIxfr() throws Exception {
    SecondaryScenario s = new SecondaryScenario(dir, Secondary.prepare("knot", dir, "knotd"));
    try {
      s.start(KnotSecondaryTest::start);
      s.holdsExactlyOurZone();
      long ms = s.followsAChange();
      s.secondary.awaitLog("[example.test.] IXFR, incoming", "finished");
      s.secondary.awaitLog("[example.test.] refresh", "serial 2026010101 -> 2026010102");
      s.tookDifferences();
      s.theWrongKeyIsRefused();
      s.secondary.awaitLog("[other.test.] refresh", "failed (failed to verify TSIG)");
      System.out.println("[knot] took the change by IXFR " + ms + " ms after the reload");
    } finally {
      s.close();
    }
  }

  private static void start(Secondary s, int primary) throws java.io.IOException {
    Files.createDirectories(s.dir.resolve("knot-db"));
    Path conf = s.dir.resolve("knot.conf");
    Files.write(
        conf,
        List.of(
            "server:",
            "  listen: 127.0.0.1@" + s.port,
            "  rundir: " + s.dir,
            "database:",
            "  storage: " + s.dir.resolve("knot-db"),
            "key:",
            "  - id: xfr-key.",
            "    algorithm: hmac-sha256",
            "    secret: " + Transfers.SECRET,
            "  - id: other-key.",
            "    algorithm: hmac-sha256",
            "    secret: " + SecondaryScenario.WRONG_SECRET,
            "remote:",
            "  - id: primary",
            "    address: 127.0.0.1@" + primary,
            "    key: xfr-key.",
            "  - id: other-primary",
            "    address: 127.0.0.1@" + primary,
            "    key: other-key.",
            "acl:",
            "  - id: notify",
            "    address: 127.0.0.1",
            "    key: xfr-key.",
            "    action: notify",
            "  - id: out",
            "    address: 127.0.0.1",
            "    action: transfer",
            "template:",
            "  - id: default",
            "    storage: " + s.dir,
            "    zonefile-sync: -1",
            "    zonefile-load: none",
            "    journal-content: changes",
            "zone:",
            "  - domain: example.test.",
            "    master: primary",
            "    acl: [notify, out]",
            "  - domain: other.test.",
            "    master: other-primary",
            "log:",
            "  - target: stdout",
            "    any: info"));
    s.start(List.of("/usr/sbin/knotd", "-c", conf.toString()));
  }
}
