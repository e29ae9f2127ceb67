package net.anycastdns.server.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.anycastdns.server.monitoring.LogFormat;

/**
 * Everything {@code serve} runs with, as one immutable value: read from the configuration file and
 * the command line by {@link ServerConfigReader}, which is also where every key is named and every
 * default is written, once. The README's configuration table lists the same keys (a test checks).
 *
 * @param source where the zones come from
 * @param listen addresses to serve UDP and TCP on
 * @param identity answered in NSID and CHAOS TXT id.server.
 * @param version answered to CHAOS TXT version.bind., or null to refuse those queries
 * @param ednsUdpSize largest UDP response with EDNS, also advertised in OPT
 * @param tcpIdleTimeout TCP connections idle this long are closed
 * @param tcpMaxConnections TCP connections open at once, at most
 * @param tcpMaxConnectionsPerClient TCP connections open at once from one client, at most
 * @param tcpMaxInFlight queries of one TCP connection waiting for the client to read answers
 * @param tcpSlowReaderTimeout a TCP connection whose answers wait this long for its client closes
 * @param tcpBufferMemory octets all TCP connections may hold in answers and queries waiting
 * @param threads event-loop threads
 * @param http the HTTP endpoint's address
 * @param pop this server's point of presence, or null
 * @param logFormat text or json
 * @param queryLog log one query in N (0: off)
 * @param queryLogFile where query lines go, or null for the event log
 * @param rrl response rate limiting
 * @param cookies DNS cookies
 * @param policies the zone policies: server-wide, and per zone under {@code zone-settings}; with
 *     the TSIG keys
 * @param ixfrHistory the revisions of each zone kept for IXFR
 */
public record ServerConfig(
    SourceConfig source,
    List<InetSocketAddress> listen,
    String identity,
    String version,
    int ednsUdpSize,
    Duration tcpIdleTimeout,
    int tcpMaxConnections,
    int tcpMaxConnectionsPerClient,
    int tcpMaxInFlight,
    Duration tcpSlowReaderTimeout,
    long tcpBufferMemory,
    int threads,
    InetSocketAddress http,
    String pop,
    LogFormat logFormat,
    int queryLog,
    Path queryLogFile,
    RrlConfig rrl,
    CookieConfig cookies,
    ZonePolicies policies,
    int ixfrHistory) {
  public ServerConfig {
    listen = List.copyOf(listen);
  }
}
