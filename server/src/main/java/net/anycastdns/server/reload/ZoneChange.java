package net.anycastdns.server.reload;

/**
 * How one zone differs between the set served and the next: added, removed, or changed from one
 * serial to another.
 *
 * @param zone the zone's name
 * @param before its serial served now, or null when it is added
 * @param after its serial in the next set, or null when it is removed
 */
public record ZoneChange(String zone, Long before, Long after) {
  @Override
  public String toString() {
    if (before == null) {
      return zone + " added (serial " + after + ")";
    }
    if (after == null) {
      return zone + " removed";
    }
    return zone + " serial " + before + " -> " + after;
  }
}
