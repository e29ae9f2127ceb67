/**
 * The YAML configuration. Start with {@link net.anycastdns.sidecar.config.ConfigLoader}, which
 * reads a file into an immutable {@link net.anycastdns.sidecar.config.SidecarConfig} or fails with
 * every problem, each {@code FILE:LINE: message} (the common {@link
 * net.anycastdns.common.yaml.YamlReader} does the reading); every key and its default is in the
 * README's "BGP sidecar" section.
 */
package net.anycastdns.sidecar.config;
