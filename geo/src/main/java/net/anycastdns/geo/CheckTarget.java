package net.anycastdns.geo;

import java.net.InetAddress;
import net.anycastdns.common.IpLiterals;

/**
 * One address of one PoP checked one way. Services that share an address and a check share the
 * target; different checks of one address are separate targets, and the address is healthy only
 * while all of them pass.
 *
 * @param pop the PoP the address belongs to
 * @param address the address connected to
 * @param check how
 */
record CheckTarget(String pop, InetAddress address, HealthCheck check) {
  /** {@code fra1 192.0.2.10 tcp/443}, for logs. */
  @Override
  public String toString() {
    return pop + " " + IpLiterals.format(address.getAddress()) + " tcp/" + check.port();
  }
}
