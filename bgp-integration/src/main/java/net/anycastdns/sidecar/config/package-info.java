/**
 * The YAML configuration. Start with {@link net.anycastdns.sidecar.config.ConfigLoader}, which
 * reads a file into an immutable {@link net.anycastdns.sidecar.config.SidecarConfig} or fails with
 * one {@link net.anycastdns.sidecar.config.ConfigException} naming the file, the key and the
 * problem; every key and its default is in the README's "BGP sidecar" section.
 */
package net.anycastdns.sidecar.config;
