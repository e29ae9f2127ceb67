package net.anycastdns.server.config;

import java.time.Duration;
import java.util.List;
import net.anycastdns.common.IpPrefix;

/**
 * Response rate limiting ({@code rrl: {...}}): how many UDP responses of one kind a client netblock
 * gets per second, and what happens to those over the limit.
 *
 * @param rate responses per second per bucket (netblock and kind of response); 0 turns RRL off
 * @param slip of the responses over the limit, every {@code slip}-th is sent truncated (TC, no
 *     data) and the others dropped; 1 truncates every one, 0 drops every one
 * @param window how far a bucket may go into debt: a netblock that flooded must stay under the rate
 *     for up to this long before its answers come back (BIND's {@code window})
 * @param ipv4Prefix IPv4 clients are counted per network of this many bits
 * @param ipv6Prefix IPv6 clients are counted per network of this many bits (at most 64)
 * @param exempt clients never limited
 */
public record RrlConfig(
    int rate, int slip, Duration window, int ipv4Prefix, int ipv6Prefix, List<IpPrefix> exempt) {
  public RrlConfig {
    exempt = List.copyOf(exempt);
  }

  /** True unless the rate is 0. */
  public boolean enabled() {
    return rate > 0;
  }
}
