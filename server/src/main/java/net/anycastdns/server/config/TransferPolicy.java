package net.anycastdns.server.config;

import java.net.InetSocketAddress;
import java.util.List;
import net.anycastdns.server.tsig.TsigKey;

/**
 * The {@code transfer} setting of a zone: who may take it by AXFR or IXFR, and which secondaries
 * are told of each new serial with NOTIFY.
 *
 * @param allow the rules, any of which lets a request in; none: no transfer at all
 * @param secondaries the secondaries (the setting {@code notify}) sent a NOTIFY (RFC 1996) whenever
 *     the zone's serial changes
 */
public record TransferPolicy(List<TransferRule> allow, List<InetSocketAddress> secondaries) {
  /** Nobody may transfer, nobody is told: the default. */
  public static final TransferPolicy NONE = new TransferPolicy(List.of(), List.of());

  public TransferPolicy {
    allow = List.copyOf(allow);
    secondaries = List.copyOf(secondaries);
  }

  /**
   * Whether a request from {@code address}, signed with {@code signedWith} (null: unsigned), may
   * transfer the zone.
   */
  public boolean allows(byte[] address, TsigKey signedWith) {
    for (TransferRule r : allow) {
      if (r.allows(address, signedWith)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The key to sign a NOTIFY to {@code secondary} with: that of the first rule whose network holds
   * the secondary, since it is the key the secondary will transfer with; null when no such rule has
   * a key.
   */
  public TsigKey notifyKey(InetSocketAddress secondary) {
    byte[] address = secondary.getAddress().getAddress();
    for (TransferRule r : allow) {
      if (r.from().contains(address)) {
        return r.key();
      }
    }
    return null;
  }
}
