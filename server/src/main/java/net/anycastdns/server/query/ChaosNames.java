package net.anycastdns.server.query;

import java.util.Arrays;
import net.anycastdns.zones.WireName;

/** The CHAOS-class names a server answers about itself (RFC 4892), in lowercase wire form. */
enum ChaosNames {
  ID_SERVER("id.server."),
  HOSTNAME_BIND("hostname.bind."),
  VERSION_BIND("version.bind."),
  VERSION_SERVER("version.server.");

  private final byte[] wire;

  ChaosNames(String name) {
    this.wire = WireName.of(name);
  }

  boolean matches(byte[] qname) {
    return Arrays.equals(wire, qname);
  }
}
