package net.anycastdns.zones.keys;

import java.security.PrivateKey;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;

/**
 * One key pair of a zone, read from its two files. A key with the SEP flag (257, a KSK) signs the
 * DNSKEY, CDS and CDNSKEY RRsets; one without (256, a ZSK) signs the rest; a zone whose active keys
 * are of one kind only has them sign everything (a CSK, RFC 6781 section 3.1).
 *
 * <p>{@link #toString()} names the file and the key tag, never the private key, so a key can be
 * logged safely.
 *
 * @param file the {@code .private} file's name, for messages
 * @param zone the zone the key belongs to
 * @param dnskey the DNSKEY record of the {@code .key} file
 * @param privateKey the private key of the {@code .private} file
 * @param timing when the key is published and signs
 */
public record SigningKey(
    String file, Name zone, DNSKEYRecord dnskey, PrivateKey privateKey, KeyTiming timing) {
  /** RFC 4034 section 2.1.1: the Secure Entry Point flag, set on KSKs. */
  private static final int SEP = 0x0001;

  /** True for a key signing key (flags 257). */
  public boolean isKsk() {
    return (dnskey.getFlags() & SEP) != 0;
  }

  /** The key tag (RFC 4034 appendix B). */
  public int tag() {
    return dnskey.getFootprint();
  }

  public int algorithm() {
    return dnskey.getAlgorithm();
  }

  @Override
  public String toString() {
    return file + " (" + (isKsk() ? "KSK" : "ZSK") + " " + tag() + ")";
  }
}
