/**
 * The configuration of {@code serve} and {@code check}: one immutable {@link
 * net.anycastdns.server.config.ServerConfig}, read by {@link
 * net.anycastdns.server.config.ServerConfigReader} from the YAML file with the command line's
 * options laid over it. The reader is the one place where a key is named, its default written and
 * its value checked (every problem as {@code file:line: message}); the README's configuration table
 * lists the same keys, and a test keeps the two equal.
 *
 * <p>Zone settings ({@link net.anycastdns.server.config.ZonePolicy}, per zone under {@code
 * zone-settings}, inheriting the top level's) are the part a reload reads again: {@link
 * net.anycastdns.server.config.ZonePolicies} is published with the zones it applies to.
 */
package net.anycastdns.server.config;
