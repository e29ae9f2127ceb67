package net.anycastdns.server.query;

import net.anycastdns.geo.ZonePlacement;
import net.anycastdns.zones.LookupResult;
import net.anycastdns.zones.WireName;
import net.anycastdns.zones.ZoneLookup;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSnapshot;
import org.xbill.DNS.Type;

/**
 * Where a GeoDNS service name stands in the served zones, found by asking the lookup itself: a geo
 * answer is only right where the zone would otherwise answer A or AAAA authoritatively.
 */
public final class ZoneSetPlacement implements ZonePlacement {
  private final ZoneSet zones;

  public ZoneSetPlacement(ZoneSet zones) {
    this.zones = zones;
  }

  @Override
  public Kind classify(String absoluteLowercaseName) {
    byte[] name = WireName.of(absoluteLowercaseName);
    ZoneSnapshot zone = zones.findZone(name);
    if (zone == null) {
      return Kind.OUTSIDE_ZONES;
    }
    LookupResult r = new LookupResult();
    ZoneLookup.lookup(zone, name, Type.A, false, r);
    if (r.kind() == LookupResult.Kind.REFERRAL) {
      return Kind.BELOW_DELEGATION;
    }
    // A CNAME at the name, or a DNAME above it that turns it into one (RFC 6672).
    int first = r.answer().size() > 0 ? r.answer().rrset(0).type() : 0;
    if (first == Type.CNAME || first == Type.DNAME) {
      return Kind.AT_CNAME;
    }
    return Kind.SERVED;
  }

  @Override
  public String signedZone(String absoluteLowercaseName) {
    // A zone signed here signs its geo answers too; one that arrived signed cannot.
    ZoneSnapshot zone = zones.findZone(WireName.of(absoluteLowercaseName));
    return zone == null || zone.dnssec() == null || zone.dnssec().online() != null
        ? null
        : zone.origin().toString();
  }
}
