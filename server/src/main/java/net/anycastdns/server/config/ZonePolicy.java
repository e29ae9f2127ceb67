package net.anycastdns.server.config;

import net.anycastdns.zones.SigningPolicy;

/**
 * The settings that may differ from zone to zone: given server-wide at the top of the configuration
 * file, and per zone under {@code zone-settings: {NAME: {...}}}, where a zone inherits every
 * setting it does not give. A policy reloads with the zones it applies to: it is part of the
 * serving state, never read from anywhere else by the query path.
 *
 * @param serialPolicy what a reload does with a changed zone whose serial did not increase
 * @param transfer who may transfer the zone, and who is notified of its changes
 * @param signing how the zone is signed when the key folder holds keys for it ({@code dnssec:})
 */
public record ZonePolicy(
    SerialPolicy serialPolicy, TransferPolicy transfer, SigningPolicy signing) {
  /** The policy of a zone nobody configured. */
  public static final ZonePolicy DEFAULTS =
      new ZonePolicy(SerialPolicy.STRICT, TransferPolicy.NONE, SigningPolicy.DEFAULTS);
}
