package net.anycastdns.zones;

import java.time.Instant;
import java.util.List;
import net.anycastdns.zones.keys.SigningKey;

/**
 * What a zone is signed with when it is compiled ({@link ZoneCompiler}): its keys, its policy, the
 * time of signing and the serial served before.
 *
 * @param keys the zone's keys as read from the key folder, whatever their timing
 * @param policy denial of existence and validity
 * @param now the signing time: which keys are published and active, and the signatures' times
 * @param servedSerial the SOA serial this zone was served with until now, or -1 for none: the
 *     serial served next is greater (see {@link ZoneSigner#servedSerial})
 */
public record ZoneSigning(
    List<SigningKey> keys, SigningPolicy policy, Instant now, long servedSerial) {
  public ZoneSigning {
    keys = List.copyOf(keys);
  }
}
