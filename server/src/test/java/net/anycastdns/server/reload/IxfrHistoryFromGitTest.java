package net.anycastdns.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferIn;

/**
 * With zones from git, a server that starts (or restarts) knows the zone's earlier versions from
 * the commits before the one it serves, and answers IXFR from them with differences.
 */
class IxfrHistoryFromGitTest {
  @TempDir Path tmp;

  @Test
  void ixfrFromTheCommitsBeforeTheOneServed() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp)) {
      remote.push(Map.of("example.test.zone", TestZones.zone(1, "v1")));
      remote.push(Map.of("example.test.zone", TestZones.zone(2, "v2")));
      remote.push(Map.of("README", "a commit that changes no zone"));
      remote.push(Map.of("example.test.zone", TestZones.zone(3, "v3")));
      try (RunningServer server =
          remote.serve(tmp.resolve("pop"), "transfer: {allow: [{from: 127.0.0.1}]}")) {
        Await.until("IXFR from serial 1 by differences", () -> ixfr(server, 1).isIXFR());

        List<ZoneTransferIn.Delta> deltas = ixfr(server, 1).getIXFR();
        assertEquals(List.of(1L, 2L), deltas.stream().map(d -> d.start).toList());
        assertEquals(List.of(2L, 3L), deltas.stream().map(d -> d.end).toList());
      }
    }
  }

  private static ZoneTransferIn ixfr(RunningServer server, long serial) throws Exception {
    ZoneTransferIn xfr =
        ZoneTransferIn.newIXFR(
            Name.fromConstantString("example.test."), serial, true, server.dnsAddress(), null);
    xfr.run();
    return xfr;
  }
}
