package net.anycastdns.zones;

import java.util.List;

/**
 * What a zone that arrived signed adds to its {@link ZoneSnapshot}, all of it built at load: the
 * NSEC or the NSEC3 chain, and the earliest expiration of its signatures. The RRSIGs themselves
 * hang on the RRsets they cover ({@link RRset#signature}), and each name's own NSEC or matching
 * NSEC3 on its node, so that the proofs of an answer ({@link DnssecProofs}) are found, not
 * computed.
 *
 * <p>A zone is signed when its apex has a DNSKEY RRset and RRSIGs (RFC 4035 section 2); it uses
 * NSEC3 when the apex has an NSEC3PARAM record (RFC 5155 section 4), and NSEC otherwise.
 */
public final class SignedZone {
  private final NsecChain nsec;
  private final Nsec3Chain nsec3;
  private final long earliestExpiration;
  private final List<RRset> strayNsec3;
  private final OnlineSigning online;

  SignedZone(NsecChain nsec, Nsec3Chain nsec3, long earliestExpiration, List<RRset> stray) {
    this(nsec, nsec3, earliestExpiration, List.copyOf(stray), null);
  }

  private SignedZone(
      NsecChain nsec,
      Nsec3Chain nsec3,
      long earliestExpiration,
      List<RRset> stray,
      OnlineSigning online) {
    this.nsec = nsec;
    this.nsec3 = nsec3;
    this.earliestExpiration = earliestExpiration;
    this.strayNsec3 = stray;
    this.online = online;
  }

  /** The same zone, signed here as {@code signing} records. */
  SignedZone signedHere(OnlineSigning signing) {
    return new SignedZone(nsec, nsec3, earliestExpiration, strayNsec3, signing);
  }

  /**
   * How the zone was signed when this server signed it ({@link ZoneSigner}); null when it arrived
   * signed.
   */
  public OnlineSigning online() {
    return online;
  }

  /** True when denial of existence is NSEC3 (RFC 5155), false for NSEC (RFC 4034). */
  public boolean usesNsec3() {
    return nsec3 != null;
  }

  /**
   * The earliest expiration among the zone's RRSIGs, in seconds since 1970: the moment validating
   * resolvers start to answer SERVFAIL for some of its names unless it is signed again. {@link
   * Long#MAX_VALUE} when the zone holds no RRSIG that covers data.
   */
  public long earliestExpiration() {
    return earliestExpiration;
  }

  /** The NSEC chain, or null under NSEC3. */
  NsecChain nsec() {
    return nsec;
  }

  /** The NSEC3 chain, or null under NSEC. */
  Nsec3Chain nsec3() {
    return nsec3;
  }

  /**
   * NSEC3 RRsets left out of the chain, for the checks to report: under NSEC3 those whose owner is
   * no hashed name, under NSEC (no NSEC3PARAM) all of them.
   */
  List<RRset> strayNsec3() {
    return strayNsec3;
  }
}
