package net.anycastdns.sidecar.probe;

/** How a probe reaches the server; resolvers use both, so a PoP must answer on both. */
public enum Transport {
  UDP,
  /** RFC 1035 section 4.2.2 framing (two-octet length), one query per connection. */
  TCP;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
