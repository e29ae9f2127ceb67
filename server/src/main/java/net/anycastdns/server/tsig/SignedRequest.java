package net.anycastdns.server.tsig;

import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIGRecord;

/**
 * A request's TSIG record as checked (RFC 8945 section 5.2): the key it named when this server has
 * it, and the verdict, which decides how the response is signed.
 *
 * @param key the key, or null when none of that name and algorithm is configured
 * @param record the request's TSIG record
 * @param error {@link Rcode#NOERROR} when the MAC and the time are good; else BADKEY, BADSIG or
 *     BADTIME
 */
public record SignedRequest(TsigKey key, TSIGRecord record, int error) {
  /** True when the request is signed with a key of ours and the signature holds. */
  public boolean verified() {
    return error == Rcode.NOERROR;
  }

  /** The key that signed the request, or null when the signature did not verify. */
  public TsigKey verifiedKey() {
    return verified() ? key : null;
  }

  /** The verdict's mnemonic ({@code BADSIG}), for logs. */
  public String errorName() {
    return Rcode.TSIGstring(error);
  }
}
