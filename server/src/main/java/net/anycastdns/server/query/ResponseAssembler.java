package net.anycastdns.server.query;

import net.anycastdns.server.wire.MessageWriter;
import net.anycastdns.server.wire.Query;
import net.anycastdns.zones.LookupResult;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The one place that turns an outcome into a response: header flags, rcode, the sections of a
 * {@link LookupResult}, EDNS and truncation.
 *
 * <ul>
 *   <li>QR set, opcode, RD and CD copied, RA never set (an authoritative server offers no
 *       recursion), AA as the lookup decided. To another opcode (NOTIMP), only QR and the opcode:
 *       AA, TC, RD, RA, Z, AD and CD are defined for QUERY alone (RFC 1035 section 4.1.1, RFC 4035
 *       section 3.2), as ISC's DNS compliance tester checks.
 *   <li>Size: 512 octets without EDNS; with EDNS the smaller of the client's payload size and ours
 *       (RFC 6891 section 6.2.5); 65,535 on TCP. The OPT record's room is kept; an NSID option goes
 *       in only if there is room left.
 *   <li>An answer or authority RRset that does not fit sets TC and ends the message; additional
 *       data that does not fit is left out without TC (RFC 2181 section 9), except the glue of a
 *       referral (RFC 9471). An RRset and the RRSIGs written with it are one unit: both go in or
 *       neither, and a DNSSEC proof in the authority section that does not fit sets TC like any
 *       other (RFC 4035 section 3.1.1).
 *   <li>AD is never set: an authoritative server vouches for no data (RFC 4035 section 3.1.6).
 * </ul>
 */
public final class ResponseAssembler {
  private static final int BADVERS = 16;

  private final ServerIdentity identity;
  private final int maxUdpPayload;

  /**
   * @param maxUdpPayload our EDNS UDP payload size, sent in OPT and capping UDP responses
   */
  public ResponseAssembler(ServerIdentity identity, int maxUdpPayload) {
    this.identity = identity;
    this.maxUdpPayload = maxUdpPayload;
  }

  /** Writes the answer for a lookup result; returns the message length. */
  int answer(
      byte[] request,
      Query q,
      LookupResult r,
      boolean tcp,
      MessageWriter w,
      byte[] out,
      int ecsScope) {
    int flags = baseFlags(q) | (r.authoritative() ? MessageWriter.FLAG_AA : 0);
    w.begin(out, sizeLimit(q, tcp), request, q, flags, r.rcode());
    int opt = q.edns() ? MessageWriter.optLength(q, null) : 0;
    w.reserve(opt);
    boolean complete =
        writeSection(w, 1, r.answer())
            && writeSection(w, 2, r.authority())
            // RFC 9471 section 3: a referral whose glue does not fit is truncated, so that the
            // resolver asks again over TCP instead of chasing name servers it cannot reach.
            && (writeSection(w, 3, r.additional()) || r.kind() != LookupResult.Kind.REFERRAL);
    if (!complete) {
      w.addFlags(MessageWriter.FLAG_TC);
    }
    w.release(opt);
    if (q.edns()) {
      writeOpt(w, q, 0, ecsScope, nsidFor(q));
    }
    return w.finish();
  }

  /** Writes a response with no data and the given rcode (up to 12 bits); returns its length. */
  int error(byte[] request, Query q, int rcode, boolean tcp, MessageWriter w, byte[] out) {
    w.begin(out, sizeLimit(q, tcp), request, q, baseFlags(q), rcode & 0xf);
    // After FORMERR the OPT record is not to be trusted, so none is sent back.
    if (q.edns() && rcode != Rcode.FORMERR) {
      writeOpt(w, q, rcode >>> 4, 0, rcode == BADVERS ? null : nsidFor(q));
    }
    return w.finish();
  }

  /**
   * Writes, over the response of {@code rcode} in {@code out}, the slip of rate limiting: the same
   * header flags and rcode with TC set, the question, OPT, and no records, so that the client asks
   * again over TCP (RFC 7766 section 5); returns its length.
   */
  int truncated(byte[] request, Query q, int rcode, MessageWriter w, byte[] out) {
    int flags = (((out[2] & 0xff) << 8) | (out[3] & 0xf0)) | MessageWriter.FLAG_TC;
    w.begin(out, sizeLimit(q, false), request, q, flags, rcode & 0xf);
    if (q.edns() && rcode != Rcode.FORMERR) {
      writeOpt(w, q, rcode >>> 4, 0, null);
    }
    return w.finish();
  }

  /**
   * Answers class CHAOS: TXT {@code id.server.}/{@code hostname.bind.} with the identity and {@code
   * version.bind.}/{@code version.server.} with the version unless hidden; anything else is
   * refused.
   */
  int chaos(byte[] request, Query q, boolean tcp, MessageWriter w, byte[] out) {
    byte[] txt = chaosTxt(q.qname());
    if (txt == null) {
      return error(request, q, Rcode.REFUSED, tcp, w, out);
    }
    w.begin(
        out, sizeLimit(q, tcp), request, q, baseFlags(q) | MessageWriter.FLAG_AA, Rcode.NOERROR);
    int opt = q.edns() ? MessageWriter.optLength(q, null) : 0;
    w.reserve(opt);
    if ((q.qtype() == Type.TXT || q.qtype() == Type.ANY)
        && !w.writeRecord(1, q.qname(), Type.TXT, DClass.CH, 0, txt)) {
      w.addFlags(MessageWriter.FLAG_TC);
    }
    w.release(opt);
    if (q.edns()) {
      writeOpt(w, q, 0, 0, nsidFor(q));
    }
    return w.finish();
  }

  private byte[] chaosTxt(byte[] qname) {
    if (ChaosNames.ID_SERVER.matches(qname) || ChaosNames.HOSTNAME_BIND.matches(qname)) {
      return identity.identityTxt();
    }
    if (ChaosNames.VERSION_BIND.matches(qname) || ChaosNames.VERSION_SERVER.matches(qname)) {
      return identity.versionTxt();
    }
    return null;
  }

  /**
   * Writes the OPT record, whose room was kept. The NSID option is optional (RFC 5001 section 2.3):
   * it goes in only when there is room left after the data, so it neither truncates an answer nor
   * makes a response longer than the requestor can take (RFC 6891 section 6.2.5).
   */
  /**
   * The OPT record. Room for it, with the Client Subnet echo RFC 7871 section 7.2.1 requires, was
   * kept before the sections were written; NSID goes in only if it still fits.
   */
  private void writeOpt(MessageWriter w, Query q, int extendedRcode, int ecsScope, byte[] nsid) {
    boolean room = nsid != null && w.fits(MessageWriter.optLength(q, nsid));
    w.writeOpt(maxUdpPayload, extendedRcode, q, ecsScope, room ? nsid : null);
  }

  private byte[] nsidFor(Query q) {
    return q.nsidRequested() ? identity.nsid() : null;
  }

  private static boolean writeSection(MessageWriter w, int section, LookupResult.Section s) {
    for (int i = 0; i < s.size(); i++) {
      if (!w.writeRRset(section, s.owner(i), s.rrset(i), s.records(i), s.signatures(i))) {
        return false;
      }
    }
    return true;
  }

  private static int baseFlags(Query q) {
    int opcode = q.flags() & 0x7800;
    return MessageWriter.FLAG_QR
        | opcode
        | (opcode == 0 ? q.flags() & (MessageWriter.FLAG_RD | MessageWriter.FLAG_CD) : 0);
  }

  /** The longest response {@code q} may get. */
  int sizeLimit(Query q, boolean tcp) {
    if (tcp) {
      return QueryWorkspace.MAX_MESSAGE;
    }
    return q.edns() ? Math.min(q.udpPayloadSize(), maxUdpPayload) : 512;
  }
}
