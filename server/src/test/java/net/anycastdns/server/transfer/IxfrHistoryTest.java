package net.anycastdns.server.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import net.anycastdns.server.TestServer;
import net.anycastdns.zones.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The IXFR history keeps a bounded chain of differences per zone and finds the way from a serial.
 */
class IxfrHistoryTest {
  private static ZoneSnapshot version(long serial, int hosts) {
    StringBuilder z =
        new StringBuilder(
            "@ 3600 IN SOA ns1 hostmaster " + serial + " 3600 900 1209600 300\n@ IN NS ns1\n");
    for (int i = 0; i < hosts; i++) {
      z.append("h").append(i).append(" 60 IN A 192.0.2.").append(i + 1).append('\n');
    }
    return TestServer.zone("example.org.", z.toString());
  }

  @Test
  void leadsFromAnyKeptSerialToTheServedOne() {
    IxfrHistory h = new IxfrHistory(10);
    ZoneSnapshot v1 = version(1, 10);
    ZoneSnapshot v2 = version(2, 11);
    ZoneSnapshot v3 = version(3, 12);
    h.record(v2, ZoneDelta.between(v1, v2));
    h.record(v3, ZoneDelta.between(v2, v3));

    assertEquals(List.of(1L, 2L), h.chain(v3, 1).stream().map(ZoneDelta::fromSerial).toList());
    assertEquals(List.of(2L), h.chain(v3, 2).stream().map(ZoneDelta::fromSerial).toList());
    assertNull(h.chain(v3, 7), "a serial never served");
    assertNull(h.chain(v2, 1), "a chain that does not end at the zone given");
  }

  @Test
  void keepsAtMostItsDepth() {
    IxfrHistory h = new IxfrHistory(2);
    ZoneSnapshot before = version(1, 10);
    for (int serial = 2; serial <= 5; serial++) {
      ZoneSnapshot next = version(serial, 8 + serial);
      h.record(next, ZoneDelta.between(before, next));
      before = next;
    }
    assertEquals(2, h.size(Name.fromConstantString("example.org.")));
    assertNull(h.chain(before, 2));
    assertEquals(2, h.chain(before, 3).size());
  }

  @Test
  void aDifferenceLargerThanTheZoneIsNotKept() {
    IxfrHistory h = new IxfrHistory(10);
    ZoneSnapshot big = version(1, 50);
    ZoneSnapshot small = version(2, 5);
    h.record(small, ZoneDelta.between(big, small));
    assertNull(h.chain(small, 1), "45 records removed from a zone of 7: the zone is smaller");
  }

  @Test
  void aGapStartsTheChainAgain() {
    IxfrHistory h = new IxfrHistory(10);
    ZoneSnapshot v1 = version(1, 10);
    ZoneSnapshot v2 = version(2, 11);
    ZoneSnapshot v5 = version(5, 12);
    ZoneSnapshot v6 = version(6, 13);
    h.record(v2, ZoneDelta.between(v1, v2));
    h.record(v6, ZoneDelta.between(v5, v6));
    assertNull(h.chain(v6, 1));
    assertEquals(1, h.chain(v6, 5).size());
  }

  @Test
  void rebuildingPrependsOlderDifferences() {
    IxfrHistory h = new IxfrHistory(2);
    ZoneSnapshot v1 = version(1, 10);
    ZoneSnapshot v2 = version(2, 11);
    ZoneSnapshot v3 = version(3, 12);
    assertTrue(h.prepend(v3, ZoneDelta.between(v2, v3)));
    assertFalse(h.prepend(v3, ZoneDelta.between(v1, v3)), "does not end where the chain starts");
    assertTrue(h.prepend(v3, ZoneDelta.between(v1, v2)));
    assertFalse(h.prepend(v3, ZoneDelta.between(v1, v2)), "full");
    assertEquals(2, h.chain(v3, 1).size());
  }

  @Test
  void forgetsZonesNoLongerServed() {
    IxfrHistory h = new IxfrHistory(10);
    ZoneSnapshot v1 = version(1, 10);
    ZoneSnapshot v2 = version(2, 11);
    h.record(v2, ZoneDelta.between(v1, v2));
    h.retain(Set.of());
    assertNull(h.chain(v2, 1));
  }
}
