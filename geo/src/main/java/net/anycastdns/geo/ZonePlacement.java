package net.anycastdns.geo;

/**
 * Where a name stands among the served zones; the server implements it over its zone set so that
 * {@link GeoConfig#validate} can refuse service names the server would never answer from a geo
 * view.
 */
public interface ZonePlacement {
  /** The answer for one name. */
  enum Kind {
    /** Inside a served zone, authoritative data: a geo service may live here. */
    SERVED,
    /** In no served zone: queries for it are REFUSED before any geo lookup. */
    OUTSIDE_ZONES,
    /** At or below a zone cut: queries get a referral, never addresses (RFC 1034 4.3.2). */
    BELOW_DELEGATION,
    /** The name owns a CNAME, which allows no other data beside it (RFC 2181 section 10.1). */
    AT_CNAME
  }

  /** Classifies an absolute, lowercase name with its trailing dot ({@code www.example.com.}). */
  Kind classify(String absoluteLowercaseName);

  /**
   * The signed zone an absolute, lowercase name is in, or null when its zone is not signed (or it
   * is in none), or signed here: a zone that arrived signed has no keys here, so geo answers there
   * go out without RRSIGs. Unless told otherwise, no zone is signed.
   */
  default String signedZone(String absoluteLowercaseName) {
    return null;
  }
}
