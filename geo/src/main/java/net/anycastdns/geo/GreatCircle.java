package net.anycastdns.geo;

/** Distances on the Earth's surface, taken as a sphere: ample for choosing the nearest PoP. */
final class GreatCircle {
  /** Mean Earth radius in kilometres (IUGG). */
  static final double EARTH_RADIUS_KM = 6371.0088;

  private GreatCircle() {}

  /**
   * The haversine distance in kilometres between two points given in degrees. Haversine rather than
   * the spherical law of cosines because it stays exact for the short distances (a client in the
   * same city as a PoP) where the order matters most.
   */
  static double km(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2 - lon1);
    double h =
        Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
            + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
