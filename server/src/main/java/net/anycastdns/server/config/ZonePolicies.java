package net.anycastdns.server.config;

import java.nio.file.Path;
import java.util.Map;
import net.anycastdns.server.tsig.TsigKeyring;
import org.xbill.DNS.Name;

/**
 * The policy of every zone: the server-wide one, and those of the zones under {@code
 * zone-settings}, each complete (what a zone does not set is inherited when the file is read). This
 * is the part of the configuration a reload reads again and applies with the zones.
 *
 * @param defaults the server-wide policy, for every zone not listed
 * @param zones the policies of the zones listed under {@code zone-settings}
 * @param keys the TSIG keys ({@code tsig-keys}), which the policies' transfer rules name and which
 *     signed requests are checked against
 * @param dnssecKeys the DNSSEC key folder ({@code dnssec: {keys: DIR}}), or null: no zone is signed
 *     here
 */
public record ZonePolicies(
    ZonePolicy defaults, Map<Name, ZonePolicy> zones, TsigKeyring keys, Path dnssecKeys) {
  /** Every zone with the built-in defaults. */
  public static final ZonePolicies DEFAULTS =
      new ZonePolicies(ZonePolicy.DEFAULTS, Map.of(), TsigKeyring.EMPTY, null);

  public ZonePolicies {
    zones = Map.copyOf(zones);
  }

  /** The policy of zone {@code origin}: its own settings, or the server-wide ones. */
  public ZonePolicy of(Name origin) {
    return zones.getOrDefault(origin, defaults);
  }
}
