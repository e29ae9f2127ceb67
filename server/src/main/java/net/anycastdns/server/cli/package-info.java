/**
 * The command line: {@link net.anycastdns.server.cli.Main} with the subcommands {@link
 * net.anycastdns.server.cli.ServeCommand} ({@code serve}) and {@link
 * net.anycastdns.server.cli.CheckCommand} ({@code check}). Every mistake an operator can make on
 * the command line ends in one line on standard error and a non-zero exit.
 */
package net.anycastdns.server.cli;
