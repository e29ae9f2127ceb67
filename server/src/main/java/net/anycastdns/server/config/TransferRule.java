package net.anycastdns.server.config;

import net.anycastdns.common.IpPrefix;
import net.anycastdns.server.tsig.TsigKey;

/**
 * One entry of {@code transfer: {allow: [...]}}: who may transfer a zone.
 *
 * @param from the client's network
 * @param key the TSIG key the request must be signed with, or null when an unsigned request from
 *     {@code from} is enough
 */
public record TransferRule(IpPrefix from, TsigKey key) {
  /**
   * Whether a request from {@code address} (4 or 16 octets), signed with {@code signedWith} (null:
   * unsigned; a key already verified), may transfer under this rule. A rule with a key asks for
   * that key; one without asks for nothing, and a request signed with any good key is no less
   * allowed.
   */
  public boolean allows(byte[] address, TsigKey signedWith) {
    return from.contains(address) && (key == null || key.equals(signedWith));
  }
}
