package net.anycastdns.zones;

import java.time.Instant;
import java.util.List;
import net.anycastdns.zones.keys.SigningKey;
import org.xbill.DNS.Name;

/**
 * What a zone is signed with when it is compiled ({@link ZoneCompiler}): its keys, its policy, the
 * time of signing and the serial served before.
 *
 * @param keys the zone's keys as read from the key folder, whatever their timing
 * @param policy denial of existence and validity
 * @param now the signing time: which keys are published and active, and the signatures' times
 * @param before the snapshot of this zone served until now, or null: the serial served next is
 *     greater than its serial (see {@link ZoneSigner#servedSerial}), and the signatures it holds
 *     that are still good are served again ({@link SignatureReuse})
 * @param geoNames the GeoDNS service names in the zone: their A and AAAA answers come from
 *     geo.yaml, yet they must exist in the NSEC or NSEC3 chain with those types
 */
public record ZoneSigning(
    List<SigningKey> keys,
    SigningPolicy policy,
    Instant now,
    ZoneSnapshot before,
    List<GeoName> geoNames) {
  public ZoneSigning {
    keys = List.copyOf(keys);
    geoNames = List.copyOf(geoNames);
  }

  /** A zone without GeoDNS names. */
  public ZoneSigning(
      List<SigningKey> keys, SigningPolicy policy, Instant now, ZoneSnapshot before) {
    this(keys, policy, now, before, List.of());
  }

  /** The SOA serial served until now, or -1 for none. */
  long servedSerial() {
    return before == null ? -1 : before.serial();
  }

  /**
   * A GeoDNS service name and the types its answers have.
   *
   * @param name the absolute name
   * @param a whether it answers A records
   * @param aaaa whether it answers AAAA records
   */
  public record GeoName(Name name, boolean a, boolean aaaa) {}
}
