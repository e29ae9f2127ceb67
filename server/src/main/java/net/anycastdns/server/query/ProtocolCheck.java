package net.anycastdns.server.query;

import java.net.InetAddress;
import net.anycastdns.server.wire.Query;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The questions this server answers at all: class IN (and ANY, RFC 1035 section 3.2.5) and CHAOS;
 * not an OPT pseudo-record asked for as a type (FORMERR, RFC 6891 section 6.1.1). Zone transfers
 * pass: whether one may go ahead is the answer stage's to say ({@link TransferGate}).
 */
final class ProtocolCheck implements RequestCheck {
  @Override
  public int check(QueryWorkspace ws, boolean tcp, InetAddress client) {
    Query q = ws.query;
    int qclass = q.qclass();
    if (qclass == DClass.CH) {
      return PASS;
    }
    int qtype = q.qtype();
    if (qtype == Type.OPT) {
      return Rcode.FORMERR;
    }
    if (qclass != DClass.IN && qclass != DClass.ANY) {
      return Rcode.REFUSED;
    }
    return PASS;
  }
}
