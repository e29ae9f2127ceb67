package net.anycastdns.server.reload;

/** Zone texts for the reload tests: small zones whose answers say which version they are. */
final class TestZones {
  private TestZones() {}

  /**
   * A zone with SOA serial {@code serial} whose {@code www} TXT record says {@code version}. Line 2
   * is the SOA.
   */
  static String zone(long serial, String version) {
    return "$TTL 300\n"
        + "@ SOA ns1 hostmaster "
        + serial
        + " 3600 900 1209600 300\n"
        + "@ NS ns1\n"
        + "ns1 A 192.0.2.1\n"
        + "www TXT \""
        + version
        + "\"\n";
  }

  /** {@link #zone} with a syntax error on line 5. */
  static String broken(long serial) {
    return "$TTL 300\n"
        + "@ SOA ns1 hostmaster "
        + serial
        + " 3600 900 1209600 300\n"
        + "@ NS ns1\n"
        + "ns1 A 192.0.2.1\n"
        + "www A 192.0.2.999\n";
  }
}
