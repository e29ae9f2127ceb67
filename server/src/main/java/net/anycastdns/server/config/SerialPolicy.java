package net.anycastdns.server.config;

/**
 * What a reload does with a zone whose content changed while its SOA serial did not increase (RFC
 * 1982 arithmetic). Every copy of a zone with one serial should hold the same data: a resolver, a
 * secondary or a monitor comparing serials across PoPs cannot tell a changed zone from the old one
 * otherwise (RFC 1034 section 4.3.5).
 */
public enum SerialPolicy {
  /** Refuse the whole new revision, as a parse error would. */
  STRICT,
  /** Log a warning and serve it anyway. */
  WARN
}
