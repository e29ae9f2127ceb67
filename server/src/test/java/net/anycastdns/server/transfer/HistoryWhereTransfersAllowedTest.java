package net.anycastdns.server.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import net.anycastdns.common.IpPrefix;
import net.anycastdns.server.TestServer;
import net.anycastdns.server.config.TransferPolicy;
import net.anycastdns.server.config.TransferRule;
import net.anycastdns.server.config.ZonePolicy;
import net.anycastdns.server.query.ServingState;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.tsig.TsigKeyring;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * A reload keeps the difference of a changed zone only where an {@code allow} rule lets someone
 * transfer it: nobody can ask for the others' differences by IXFR.
 */
class HistoryWhereTransfersAllowedTest {
  private static final TransferPolicy ALLOWED =
      new TransferPolicy(
          List.of(new TransferRule(IpPrefix.parse("192.0.2.0/24"), null)), List.of());

  private static ZoneSnapshot zone(String origin, long serial) {
    return TestServer.zone(
        origin,
        "@ 3600 IN SOA ns1 hostmaster "
            + serial
            + " 3600 900 1209600 300\n@ IN NS ns1\n"
            + "www 60 IN A 192.0.2."
            + serial
            + "\n");
  }

  private static ServingState state(long serial, long generation) {
    // The zone without rules first: its change is handled before that of the other.
    return new ServingState(
        ZoneSet.of(List.of(zone("closed.test.", serial), zone("open.test.", serial)), generation),
        null,
        List.of(
            ZonePolicy.DEFAULTS,
            new ZonePolicy(
                ZonePolicy.DEFAULTS.serialPolicy(), ALLOWED, ZonePolicy.DEFAULTS.signing())),
        TsigKeyring.EMPTY);
  }

  @Test
  void keepsDifferencesOnlyOfZonesThatMayBeTransferred() throws Exception {
    IxfrHistory history = new IxfrHistory(10);
    try (TransferService transfers =
        new TransferService(history, new NotifySender(Duration.ofSeconds(1)))) {
      transfers.published(state(1, 1), state(2, 2));
      Name open = Name.fromConstantString("open.test.");
      Await.until("the difference of open.test.", () -> history.size(open) == 1);
      assertEquals(0, history.size(Name.fromConstantString("closed.test.")));
    }
  }
}
