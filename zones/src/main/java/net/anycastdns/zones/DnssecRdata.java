package net.anycastdns.zones;

/**
 * Field readers for the uncompressed wire-format record data of the DNSSEC types, so that compiled
 * RRsets are read where they lie, without building records: RRSIG and DNSKEY (RFC 4034 sections 2
 * and 3), NSEC3 and NSEC3PARAM (RFC 5155 sections 3 and 4).
 */
final class DnssecRdata {
  /** RFC 4034 section 2.1.1: the Zone Key flag, set on every key that signs zone data. */
  static final int DNSKEY_ZONE_FLAG = 0x0100;

  /** RFC 5155 section 3.1.2.1. */
  static final int NSEC3_OPT_OUT = 0x01;

  /** RFC 5155 section 11: SHA-1, the one NSEC3 hash algorithm defined. */
  static final int NSEC3_SHA1 = 1;

  private DnssecRdata() {}

  static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  static long u32(byte[] b, int off) {
    return ((long) u16(b, off) << 16) | u16(b, off + 2);
  }

  // RRSIG (RFC 4034 section 3.1): type covered, algorithm, labels, original TTL, expiration,
  // inception, key tag, signer's name, signature.

  static int rrsigTypeCovered(byte[] rrsig) {
    return u16(rrsig, 0);
  }

  static int rrsigAlgorithm(byte[] rrsig) {
    return rrsig[2] & 0xff;
  }

  static int rrsigLabels(byte[] rrsig) {
    return rrsig[3] & 0xff;
  }

  /**
   * Expiration in seconds since 1970, the field read as unsigned: RFC 4034 section 3.1.5 compares
   * these in serial-number arithmetic, which reads the same until 2106.
   */
  static long rrsigExpiration(byte[] rrsig) {
    return u32(rrsig, 8);
  }

  static long rrsigInception(byte[] rrsig) {
    return u32(rrsig, 12);
  }

  static int rrsigKeyTag(byte[] rrsig) {
    return u16(rrsig, 16);
  }

  /** Offset of the signer's name, which is not compressed (RFC 4034 section 3.1.7). */
  static final int RRSIG_SIGNER = 18;

  // DNSKEY (RFC 4034 section 2.1): flags, protocol, algorithm, public key.

  static int dnskeyFlags(byte[] dnskey) {
    return u16(dnskey, 0);
  }

  static int dnskeyProtocol(byte[] dnskey) {
    return dnskey[2] & 0xff;
  }

  static int dnskeyAlgorithm(byte[] dnskey) {
    return dnskey[3] & 0xff;
  }

  /**
   * The key tag of RFC 4034 appendix B (for every algorithm but the retired RSA/MD5, whose tag
   * RRSIGs of this decade do not use).
   */
  static int keyTag(byte[] dnskey) {
    long ac = 0;
    for (int i = 0; i < dnskey.length; i++) {
      ac += (i & 1) == 0 ? (dnskey[i] & 0xff) << 8 : dnskey[i] & 0xff;
    }
    ac += (ac >> 16) & 0xffff;
    return (int) (ac & 0xffff);
  }

  // NSEC3 (RFC 5155 section 3.2): hash algorithm, flags, iterations, salt length, salt, hash
  // length, next hashed owner name, type bit maps. NSEC3PARAM has the same first five fields.

  static int nsec3Algorithm(byte[] nsec3) {
    return nsec3[0] & 0xff;
  }

  static int nsec3Flags(byte[] nsec3) {
    return nsec3[1] & 0xff;
  }

  static int nsec3Iterations(byte[] nsec3) {
    return u16(nsec3, 2);
  }

  static int nsec3SaltLength(byte[] nsec3) {
    return nsec3[4] & 0xff;
  }

  /** Offset of the hash length octet, after the salt. */
  static int nsec3HashLengthOffset(byte[] nsec3) {
    return 5 + nsec3SaltLength(nsec3);
  }

  /** Offset of the type bit maps, after the next hashed owner name. */
  static int nsec3BitmapOffset(byte[] nsec3) {
    int h = nsec3HashLengthOffset(nsec3);
    return h + 1 + (nsec3[h] & 0xff);
  }

  /** True when the hash parameters (algorithm, iterations, salt) of two NSEC3/NSEC3PARAM agree. */
  static boolean sameNsec3Parameters(byte[] a, byte[] b) {
    int end = 5 + nsec3SaltLength(a);
    return a[0] == b[0]
        && java.util.Arrays.equals(a, 2, end, b, 2, Math.min(b.length, 5 + nsec3SaltLength(b)));
  }

  /** Offset of the type bit maps of an NSEC record, after the next domain name. */
  static int nsecBitmapOffset(byte[] nsec) {
    int o = 0;
    while (nsec[o] != 0) {
      o = WireName.nextLabel(nsec, o);
    }
    return o + 1;
  }
}
