package net.anycastdns.server.transfer;

import java.net.InetAddress;
import net.anycastdns.server.tsig.SignedRequest;
import net.anycastdns.zones.ZoneSnapshot;

/**
 * A zone transfer that may go ahead, as the query path hands it to the transfer threads: the zone
 * as served when the request came (one snapshot, read from start to end, so a reload during the
 * transfer never mixes revisions), and what the answer needs from the request.
 *
 * @param zone the zone
 * @param ixfr true for IXFR (RFC 1995), false for AXFR (RFC 5936)
 * @param request the request message, copied
 * @param tsig the request's verified TSIG, or null when it was unsigned
 * @param client the secondary's address, for logs
 */
public record TransferRequest(
    ZoneSnapshot zone, boolean ixfr, byte[] request, SignedRequest tsig, InetAddress client) {
  /** {@code AXFR} or {@code IXFR}. */
  public String kind() {
    return ixfr ? "IXFR" : "AXFR";
  }
}
