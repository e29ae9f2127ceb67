package net.anycastdns.sidecar.config;

import java.time.Duration;
import java.util.List;
import net.anycastdns.sidecar.speaker.Prefix;

/**
 * The whole configuration file.
 *
 * @param selftest what to test and how often
 * @param prefixes the anycast prefixes, announced and withdrawn together
 * @param speaker the BGP speaker driver and its settings
 * @param drainDelay how long a drain announces GRACEFUL_SHUTDOWN before withdrawing
 */
public record SidecarConfig(
    SelfTestConfig selftest, List<Prefix> prefixes, SpeakerConfig speaker, Duration drainDelay) {

  public SidecarConfig {
    prefixes = List.copyOf(prefixes);
  }
}
