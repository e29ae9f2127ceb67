package net.anycastdns.zones.keys;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * When a key is in the zone and when it signs, from the timing metadata BIND writes into {@code
 * .private} files (RFC 6781 section 4.1 describes the rollovers these times drive). A missing time
 * is no limit: a key without any (as {@code ldns-keygen} writes it) is published and signs from the
 * start, for ever.
 *
 * @param publish the DNSKEY is in the zone from then on; when absent, from {@code activate}
 * @param activate the key signs from then on
 * @param inactive the key signs no more from then on
 * @param delete the DNSKEY leaves the zone then
 */
public record KeyTiming(Instant publish, Instant activate, Instant inactive, Instant delete) {
  /** No metadata: published and active always. */
  public static final KeyTiming ALWAYS = new KeyTiming(null, null, null, null);

  /** True when the DNSKEY belongs in the zone at {@code now}. */
  public boolean published(Instant now) {
    Instant from = publish != null ? publish : activate;
    return (from == null || !now.isBefore(from)) && (delete == null || now.isBefore(delete));
  }

  /** True when the key signs at {@code now}: published, activated and not yet inactive. */
  public boolean active(Instant now) {
    return published(now)
        && (activate == null || !now.isBefore(activate))
        && (inactive == null || now.isBefore(inactive));
  }

  /**
   * True when the key is, or is going to be, an active key: a KSK in this state belongs in CDS and
   * CDNSKEY (its DS is wanted at the parent, RFC 7344), before its DNSKEY is published in a
   * double-DS rollover.
   */
  public boolean activeOrComing(Instant now) {
    return (inactive == null || now.isBefore(inactive)) && (delete == null || now.isBefore(delete));
  }

  /** The first of the four times after {@code now}, or null: when the zone must be signed again. */
  public Instant nextEvent(Instant now) {
    return Stream.of(publish, activate, inactive, delete)
        .filter(t -> t != null && t.isAfter(now))
        .min(Instant::compareTo)
        .orElse(null);
  }
}
