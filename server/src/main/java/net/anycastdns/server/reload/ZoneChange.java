package net.anycastdns.server.reload;

import net.anycastdns.zones.OnlineSigning;
import net.anycastdns.zones.ZoneSnapshot;

/**
 * How one zone differs between the set served and the next: added, removed, changed from one serial
 * to another, or signed again.
 *
 * @param zone the zone's name
 * @param before its serial served now, or null when it is added
 * @param after its serial in the next set, or null when it is removed
 * @param signing for a zone signed here in this load, how many signatures were made and kept; or
 *     null
 */
public record ZoneChange(String zone, Long before, Long after, String signing) {
  /** The change from {@code before} (null: none) to {@code after} (null: removed). */
  static ZoneChange of(ZoneSnapshot before, ZoneSnapshot after) {
    ZoneSnapshot named = after != null ? after : before;
    OnlineSigning online = after == null || after.dnssec() == null ? null : after.dnssec().online();
    return new ZoneChange(
        named.origin().toString(),
        before == null ? null : before.serial(),
        after == null ? null : after.serial(),
        online == null
            ? null
            : String.format(
                "%,d signatures made, %,d kept", online.signaturesMade(), online.signaturesKept()));
  }

  @Override
  public String toString() {
    String signed = signing == null ? "" : " (signed: " + signing + ")";
    if (before == null) {
      return zone + " added (serial " + after + ")" + signed;
    }
    if (after == null) {
      return zone + " removed";
    }
    return zone + " serial " + before + " -> " + after + signed;
  }
}
