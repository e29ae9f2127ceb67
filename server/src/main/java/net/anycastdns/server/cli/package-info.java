/**
 * The command line: {@link net.anycastdns.server.cli.Main} with the subcommands {@link
 * net.anycastdns.server.cli.ServeCommand} ({@code serve}: the configuration, then a {@link
 * net.anycastdns.server.NameServer}), {@link net.anycastdns.server.cli.CheckCommand} ({@code
 * check}), {@link net.anycastdns.server.cli.SignCommand} ({@code sign}) and {@link
 * net.anycastdns.server.cli.GeoTestCommand} ({@code geo-test}). Options are keys of the
 * configuration, read by the configuration reader ({@link
 * net.anycastdns.server.cli.CommandLineFlags}). Every mistake an operator can make on the command
 * line ends in one line per mistake on standard error and exit status 2.
 */
package net.anycastdns.server.cli;
