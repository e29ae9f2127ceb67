package net.anycastdns.server.query;

import java.nio.charset.StandardCharsets;

/**
 * Who answered, for operators looking at an anycast address: the identity returned in NSID (RFC
 * 5001) and in CHAOS TXT {@code id.server.}/{@code hostname.bind.} (RFC 4892), and the version for
 * {@code version.bind.}/{@code version.server.}, or none when hidden. The wire forms are made once
 * here.
 */
public final class ServerIdentity {
  private final String identity;
  private final String version;
  private final byte[] nsid;
  private final byte[] identityTxt;
  private final byte[] versionTxt;

  /**
   * @param identity the server's name (a host or PoP name), at most 255 octets
   * @param version the version string to answer, or null to refuse version queries
   */
  public ServerIdentity(String identity, String version) {
    this.identity = identity;
    this.version = version;
    this.nsid = identity.getBytes(StandardCharsets.UTF_8);
    this.identityTxt = txt(identity);
    this.versionTxt = version == null ? null : txt(version);
  }

  public String identity() {
    return identity;
  }

  /** The version string, or null when hidden. */
  public String version() {
    return version;
  }

  /** NSID option data. */
  byte[] nsid() {
    return nsid;
  }

  /** TXT record data of the identity. */
  byte[] identityTxt() {
    return identityTxt;
  }

  /** TXT record data of the version, or null when hidden. */
  byte[] versionTxt() {
    return versionTxt;
  }

  private static byte[] txt(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 255) {
      throw new IllegalArgumentException("longer than 255 octets: " + s);
    }
    byte[] out = new byte[b.length + 1];
    out[0] = (byte) b.length;
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  @Override
  public String toString() {
    return "identity " + identity + ", version " + (version == null ? "hidden" : version);
  }
}
