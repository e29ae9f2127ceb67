package net.anycastdns.zones;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.UNKRecord;

/**
 * Turns the data tokens of one record into uncompressed wire-format record data, names in the
 * letter case of the file. The common types, the DNSSEC types and every type Knot DNS parses that
 * dnsjava cannot are encoded here directly; the rest go through dnsjava's parser for their text
 * form (with octets above 127 handed over as {@code \DDD}, so that they stay octets), so that there
 * is one grammar. RFC 3597's generic form {@code \# LENGTH HEX} is accepted for every type.
 */
final class RdataParser {
  private static final byte[] HEX = new byte[128];

  static {
    Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
  }

  private final MasterFileScanner s;
  private final WireWriter w = new WireWriter();
  private final byte[] nameBuf = new byte[WireName.MAX_LENGTH];

  /** The groups of the IPv6 address being read, reused from record to record. */
  private final int[] ipv6Groups = new int[8];

  private byte[] dnsjavaOriginWire;
  private Name dnsjavaOrigin;

  RdataParser(MasterFileScanner scanner) {
    this.s = scanner;
  }

  /** Reads the data of a record of {@code type}; the writer is valid until the next call. */
  WireWriter parse(int type, long ttl) throws ScanException {
    w.reset();
    s.expect("record data");
    if (!s.tokQuoted
        && s.tokEnd - s.tokStart == 2
        && s.input()[s.tokStart] == '\\'
        && s.input()[s.tokStart + 1] == '#') {
      generic(type);
      return w;
    }
    s.pushBack();
    switch (type) {
      case Type.A -> ipv4(token("address"));
      case Type.AAAA -> ipv6(token("address"));
      case Type.NS, Type.CNAME, Type.DNAME, Type.PTR, Type.MB, Type.MD, Type.MF, Type.MG, Type.MR ->
          name();
      case Type.MX, Type.AFSDB, Type.RT, Type.KX, Type.LP -> {
        u16("preference");
        name();
      }
      case Type.SOA -> {
        name();
        name();
        u32("serial");
        for (String field : new String[] {"refresh", "retry", "expire", "minimum"}) {
          token(field);
          long v = MasterFileScanner.parseTtl(s.input(), s.tokStart, s.tokEnd);
          if (v < 0 || s.tokQuoted) {
            throw s.error("bad SOA " + field + " '" + s.token() + "'");
          }
          w.u32(v);
        }
      }
      case Type.TXT, Type.SPF, RecordTypes.WALLET, RecordTypes.RESINFO -> {
        token("character-string");
        do {
          string(type);
        } while (s.next());
      }
      case Type.HINFO -> {
        token("CPU");
        string(type);
        token("OS");
        string(type);
      }
      case Type.MINFO, Type.RP -> {
        name();
        name();
      }
      case Type.SRV -> {
        u16("priority");
        u16("weight");
        u16("port");
        name();
      }
      case Type.NAPTR -> {
        u16("order");
        u16("preference");
        for (String field : new String[] {"flags", "services", "regexp"}) {
          token(field);
          string(type);
        }
        name();
      }
      case Type.CAA -> caa();
      case Type.DS, Type.CDS -> {
        u16("key tag");
        algorithm();
        u8("digest type");
        hexRest(true);
      }
      case Type.DNSKEY, Type.CDNSKEY -> {
        u16("flags");
        u8("protocol");
        algorithm();
        base64Rest();
      }
      case Type.RRSIG -> rrsig();
      case Type.NSEC -> {
        name();
        bitmapRest();
      }
      case Type.NSEC3 -> {
        u8("hash algorithm");
        u8("flags");
        u16("iterations");
        salt();
        token("next hashed owner");
        base32hex();
        bitmapRest();
      }
      case Type.NSEC3PARAM -> {
        u8("hash algorithm");
        u8("flags");
        u16("iterations");
        salt();
      }
      case Type.TLSA, Type.SMIMEA -> {
        u8("usage");
        u8("selector");
        u8("matching type");
        hexRest(false);
      }
      case Type.SSHFP -> {
        u8("algorithm");
        u8("fingerprint type");
        hexRest(false);
      }
      case Type.OPENPGPKEY, Type.DHCID -> base64Rest();
      case Type.URI -> {
        u16("priority");
        u16("weight");
        token("target");
        int start = w.len;
        w.u8(0);
        stringBytes(type, start, Integer.MAX_VALUE);
        // RFC 7553 section 4.5: the target fills the rest of the data, without a length octet.
        System.arraycopy(w.buf, start + 1, w.buf, start, w.len - start - 1);
        w.len--;
      }
      case Type.CSYNC -> {
        u32("SOA serial");
        u16("flags");
        bitmapRest();
      }
      case Type.ZONEMD -> {
        u32("serial");
        u8("scheme");
        u8("hash algorithm");
        hexRest(false);
      }
      case Type.NID, Type.L64 -> {
        u16("preference");
        locator64();
      }
      case Type.L32 -> {
        u16("preference");
        ipv4(token("locator"));
      }
      case Type.EUI48 -> eui(6);
      case Type.EUI64 -> eui(8);
      case RecordTypes.DSYNC -> {
        token("type");
        int t = RecordTypes.value(s.input(), s.tokStart, s.tokEnd, s.tokQuoted);
        if (t < 0) {
          throw s.error("unknown type '" + s.token() + "'");
        }
        w.u16(t);
        u8("scheme");
        u16("port");
        name();
      }
      default -> dnsjava(type, ttl);
    }
    return w;
  }

  // ---------------------------------------------------------------------------------------------
  // Fields

  private MasterFileScanner token(String what) throws ScanException {
    s.expect(what);
    return s;
  }

  private long number(String what, long max) throws ScanException {
    token(what);
    byte[] b = s.input();
    long v = 0;
    int n = s.tokEnd - s.tokStart;
    if (n == 0 || n > 10) {
      throw s.error("bad " + what + " '" + s.token() + "'");
    }
    for (int i = s.tokStart; i < s.tokEnd; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw s.error("bad " + what + " '" + s.token() + "'");
      }
      v = v * 10 + d;
    }
    if (v > max) {
      throw s.error(what + " " + v + " is above " + max);
    }
    return v;
  }

  private void u8(String what) throws ScanException {
    w.u8((int) number(what, 0xFF));
  }

  private void u16(String what) throws ScanException {
    w.u16((int) number(what, 0xFFFF));
  }

  private void u32(String what) throws ScanException {
    w.u32(number(what, 0xFFFFFFFFL));
  }

  private void name() throws ScanException {
    token("name");
    int n = s.name(s.tokStart, s.tokEnd, nameBuf, 0);
    w.bytes(nameBuf, 0, n);
  }

  /** A DNSSEC algorithm as a number or a mnemonic (RFC 4034 appendix A.1). */
  private void algorithm() throws ScanException {
    token("algorithm");
    byte[] b = s.input();
    if (b[s.tokStart] >= '0' && b[s.tokStart] <= '9') {
      s.pushBack();
      u8("algorithm");
      return;
    }
    int alg = DNSSEC.Algorithm.value(s.token());
    if (alg < 0) {
      throw s.error("unknown algorithm '" + s.token() + "'");
    }
    w.u8(alg);
  }

  /** The current token as a character-string: a length octet, then the octets. */
  private void string(int type) throws ScanException {
    int start = w.len;
    w.u8(0);
    stringBytes(type, start, 255);
  }

  /**
   * Decodes the escapes of the current token after the length octet at {@code lengthAt}, and sets
   * it; more than {@code max} octets is an error that says how many there were.
   */
  private void stringBytes(int type, int lengthAt, int max) throws ScanException {
    byte[] b = s.input();
    int end = s.tokEnd;
    w.ensure(end - s.tokStart);
    int n = 0;
    for (int i = s.tokStart; i < end; i++) {
      int c = b[i] & 0xFF;
      if (c == '\\') {
        if (i + 1 >= end) {
          throw s.error("bad escape at the end of '" + s.token() + "'");
        }
        c = b[++i] & 0xFF;
        if (c >= '0' && c <= '9') {
          if (!digit(b, i + 1, end) || !digit(b, i + 2, end)) {
            throw s.error("bad escape in '" + s.token() + "': \\DDD needs three digits");
          }
          c = (c - '0') * 100 + (b[i + 1] - '0') * 10 + (b[i + 2] - '0');
          i += 2;
          if (c > 255) {
            throw s.error("bad escape in '" + s.token() + "': \\" + c + " is above 255");
          }
        }
      }
      w.buf[w.len++] = (byte) c;
      n++;
    }
    if (n > max) {
      throw s.error(
          RecordTypes.string(type)
              + " string of "
              + n
              + " octets; a character-string holds at most 255 (RFC 1035 section 3.3)");
    }
    w.set(lengthAt, n);
  }

  private static boolean digit(byte[] b, int i, int end) {
    return i < end && b[i] >= '0' && b[i] <= '9';
  }

  private void caa() throws ScanException {
    u8("flags");
    token("tag");
    int n = s.tokEnd - s.tokStart;
    if (n == 0 || n > 255) {
      throw s.error("bad CAA tag '" + s.token() + "'");
    }
    byte[] b = s.input();
    for (int i = s.tokStart; i < s.tokEnd; i++) {
      if (!Character.isLetterOrDigit(b[i])) {
        throw s.error("bad CAA tag '" + s.token() + "': letters and digits only (RFC 8659)");
      }
    }
    w.u8(n);
    w.bytes(b, s.tokStart, n);
    token("value");
    // RFC 8659 section 4.1.1: the value fills the rest of the data, without a length octet.
    int start = w.len;
    w.u8(0);
    stringBytes(Type.CAA, start, 255);
    System.arraycopy(w.buf, start + 1, w.buf, start, w.len - start - 1);
    w.len--;
  }

  private void rrsig() throws ScanException {
    token("type covered");
    int covered = RecordTypes.value(s.input(), s.tokStart, s.tokEnd, s.tokQuoted);
    if (covered < 0) {
      throw s.error("unknown type '" + s.token() + "'");
    }
    w.u16(covered);
    algorithm();
    u8("labels");
    token("original TTL");
    long ttl = MasterFileScanner.parseTtl(s.input(), s.tokStart, s.tokEnd);
    if (ttl < 0 || s.tokQuoted) {
      throw s.error("bad original TTL '" + s.token() + "'");
    }
    w.u32(ttl);
    time("expiration");
    time("inception");
    u16("key tag");
    name();
    base64Rest();
  }

  /** RFC 4034 section 3.2: YYYYMMDDHHmmSS in UTC, or seconds since 1970. */
  private void time(String what) throws ScanException {
    token(what);
    String t = s.token();
    if (t.length() == 14 && t.chars().allMatch(Character::isDigit)) {
      try {
        LocalDateTime d =
            LocalDateTime.of(
                Integer.parseInt(t.substring(0, 4)),
                Integer.parseInt(t.substring(4, 6)),
                Integer.parseInt(t.substring(6, 8)),
                Integer.parseInt(t.substring(8, 10)),
                Integer.parseInt(t.substring(10, 12)),
                Integer.parseInt(t.substring(12, 14)));
        w.u32(d.toEpochSecond(ZoneOffset.UTC));
        return;
      } catch (java.time.DateTimeException e) {
        throw s.error("bad " + what + " '" + t + "'");
      }
    }
    s.pushBack();
    u32(what);
  }

  private void salt() throws ScanException {
    token("salt");
    if (s.tokEnd - s.tokStart == 1 && s.input()[s.tokStart] == '-') {
      w.u8(0);
      return;
    }
    int start = w.len;
    w.u8(0);
    hex();
    if (w.len - start - 1 > 255) {
      throw s.error("salt longer than 255 octets");
    }
    w.set(start, w.len - start - 1);
  }

  /** The current token's hex digits, appended. */
  private void hex() throws ScanException {
    byte[] b = s.input();
    int n = s.tokEnd - s.tokStart;
    if (n % 2 != 0) {
      throw s.error("odd number of hex digits in '" + s.token() + "'");
    }
    w.ensure(n / 2);
    for (int i = s.tokStart; i < s.tokEnd; i += 2) {
      int hi = b[i] < 0 ? -1 : HEX[b[i]];
      int lo = b[i + 1] < 0 ? -1 : HEX[b[i + 1]];
      if (hi < 0 || lo < 0) {
        throw s.error("bad hex '" + s.token() + "'");
      }
      w.buf[w.len++] = (byte) (hi << 4 | lo);
    }
  }

  /** Hex digits in the remaining tokens (spaces between them allowed). */
  private void hexRest(boolean mayBeEmpty) throws ScanException {
    StringBuilder digits = new StringBuilder();
    while (s.next()) {
      digits.append(s.token());
    }
    if (digits.length() == 0 && !mayBeEmpty) {
      throw s.error("missing hex data");
    }
    if (digits.length() % 2 != 0) {
      throw s.error("odd number of hex digits");
    }
    for (int i = 0; i < digits.length(); i += 2) {
      int hi = Character.digit(digits.charAt(i), 16);
      int lo = Character.digit(digits.charAt(i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw s.error("bad hex data");
      }
      w.u8(hi << 4 | lo);
    }
  }

  /** Base64 in the remaining tokens (spaces between them allowed). */
  private void base64Rest() throws ScanException {
    StringBuilder text = new StringBuilder();
    while (s.next()) {
      text.append(s.token());
    }
    if (text.length() == 0) {
      throw s.error("missing base64 data");
    }
    try {
      byte[] d = Base64.getDecoder().decode(text.toString());
      w.bytes(d, 0, d.length);
    } catch (IllegalArgumentException e) {
      throw s.error("bad base64 data: " + e.getMessage());
    }
  }

  /** RFC 4648 section 7 (base32 with the extended hex alphabet), without padding: NSEC3 names. */
  private void base32hex() throws ScanException {
    byte[] b = s.input();
    int start = w.len;
    w.u8(0);
    long buffer = 0;
    int bits = 0;
    for (int i = s.tokStart; i < s.tokEnd; i++) {
      int c = b[i];
      int v;
      if (c >= '0' && c <= '9') {
        v = c - '0';
      } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'v') {
        v = (c | 0x20) - 'a' + 10;
      } else {
        throw s.error("bad base32hex '" + s.token() + "'");
      }
      buffer = buffer << 5 | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        w.u8((int) (buffer >>> bits));
      }
    }
    if (w.len - start - 1 > 255) {
      throw s.error("hashed owner name longer than 255 octets");
    }
    w.set(start, w.len - start - 1);
  }

  /** RFC 4034 section 4.1.2: the types in the remaining tokens as windowed bitmaps. */
  private void bitmapRest() throws ScanException {
    boolean[] present = null;
    while (s.next()) {
      int t = RecordTypes.value(s.input(), s.tokStart, s.tokEnd, s.tokQuoted);
      if (t < 0) {
        throw s.error("unknown type '" + s.token() + "'");
      }
      if (present == null) {
        present = new boolean[65536];
      }
      present[t] = true;
    }
    if (present == null) {
      return;
    }
    for (int window = 0; window < 256; window++) {
      int last = -1;
      for (int i = 0; i < 256; i++) {
        if (present[window * 256 + i]) {
          last = i;
        }
      }
      if (last < 0) {
        continue;
      }
      int octets = last / 8 + 1;
      w.u8(window);
      w.u8(octets);
      w.ensure(octets);
      for (int o = 0; o < octets; o++) {
        int v = 0;
        for (int bit = 0; bit < 8; bit++) {
          if (present[window * 256 + o * 8 + bit]) {
            v |= 0x80 >>> bit;
          }
        }
        w.buf[w.len++] = (byte) v;
      }
    }
  }

  private void ipv4(MasterFileScanner t) throws ScanException {
    byte[] b = t.input();
    int parts = 0;
    int v = -1;
    int digits = 0;
    for (int i = t.tokStart; i <= t.tokEnd; i++) {
      int c = i < t.tokEnd ? b[i] : '.';
      if (c == '.') {
        if (digits == 0 || parts == 4) {
          throw s.error("bad IPv4 address '" + s.token() + "'");
        }
        w.u8(v);
        parts++;
        v = -1;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3 && v != 0) {
        v = (v < 0 ? 0 : v * 10) + c - '0';
        digits++;
        if (v > 255) {
          throw s.error("bad IPv4 address '" + s.token() + "'");
        }
      } else {
        throw s.error("bad IPv4 address '" + s.token() + "'");
      }
    }
    if (parts != 4) {
      throw s.error("bad IPv4 address '" + s.token() + "'");
    }
  }

  /**
   * RFC 4291 section 2.2: up to eight groups of up to four hex digits, one {@code ::} standing for
   * a run of zero groups, and the last 32 bits optionally as a dotted quad.
   */
  private void ipv6(MasterFileScanner t) throws ScanException {
    byte[] b = t.input();
    int from = t.tokStart;
    int end = t.tokEnd;
    int[] groups = ipv6Groups;
    int n = 0;
    int gap = -1;
    int i = from;
    if (end - from >= 2 && b[i] == ':' && b[i + 1] == ':') {
      gap = 0;
      i += 2;
    } else if (i < end && b[i] == ':') {
      throw badIpv6();
    }
    while (i < end) {
      int start = i;
      int v = 0;
      while (i < end && i - start < 5) {
        int d = b[i] < 0 ? -1 : HEX[b[i]];
        if (d < 0) {
          break;
        }
        v = v << 4 | d;
        i++;
      }
      if (i < end && b[i] == '.') {
        // The last 32 bits as a dotted quad: two groups from it.
        if (n > 6) {
          throw badIpv6();
        }
        int mark = w.len;
        t.tokStart = start;
        try {
          ipv4(t);
        } finally {
          t.tokStart = from;
        }
        groups[n++] = (w.buf[mark] & 0xFF) << 8 | (w.buf[mark + 1] & 0xFF);
        groups[n++] = (w.buf[mark + 2] & 0xFF) << 8 | (w.buf[mark + 3] & 0xFF);
        w.len = mark;
        i = end;
        break;
      }
      if (i == start || i - start > 4 || n == 8) {
        throw badIpv6();
      }
      groups[n++] = v;
      if (i == end) {
        break;
      }
      if (b[i] != ':') {
        throw badIpv6();
      }
      i++;
      if (i < end && b[i] == ':') {
        if (gap >= 0) {
          throw badIpv6();
        }
        gap = n;
        i++;
      } else if (i == end) {
        throw badIpv6();
      }
    }
    if (gap < 0 ? n != 8 : n > 7) {
      throw badIpv6();
    }
    w.ensure(16);
    int zeros = 8 - n;
    for (int g = 0; g < n; g++) {
      if (g == gap) {
        for (int z = 0; z < zeros; z++) {
          w.u16(0);
        }
      }
      w.u16(groups[g]);
    }
    if (gap == n) {
      for (int z = 0; z < zeros; z++) {
        w.u16(0);
      }
    }
  }

  private ScanException badIpv6() {
    return s.error("bad IPv6 address '" + s.token() + "'");
  }

  /** RFC 6742 section 2.3: four groups of up to four hex digits, separated by colons. */
  private void locator64() throws ScanException {
    token("locator");
    String[] groups = s.token().split(":", -1);
    if (groups.length != 4) {
      throw s.error("bad locator '" + s.token() + "': four groups of hex digits");
    }
    for (String g : groups) {
      if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw s.error("bad locator '" + s.token() + "'");
      }
      w.u16(Integer.parseInt(g, 16));
    }
  }

  /** RFC 7043 section 3.2 and 4.2: pairs of hex digits separated by hyphens. */
  private void eui(int octets) throws ScanException {
    token("address");
    String[] groups = s.token().split("-", -1);
    if (groups.length != octets) {
      throw s.error("bad EUI-" + octets * 8 + " address '" + s.token() + "'");
    }
    for (String g : groups) {
      if (g.length() != 2
          || Character.digit(g.charAt(0), 16) < 0
          || Character.digit(g.charAt(1), 16) < 0) {
        throw s.error("bad EUI-" + octets * 8 + " address '" + s.token() + "'");
      }
      w.u8(Integer.parseInt(g, 16));
    }
  }

  /** RFC 3597 section 5: {@code \# LENGTH HEX...}. */
  private void generic(int type) throws ScanException {
    long length = number("data length", 0xFFFF);
    hexRest(true);
    if (w.len != length) {
      throw s.error("generic data of " + w.len + " octets, not " + length + " as announced");
    }
    if (hasDnsjavaFormat(type)) {
      // A known type must be well-formed: dnsjava decodes it as it would from a message.
      Record r;
      try {
        r = Record.newRecord(Name.root, type, DClass.IN, 0, w.toArray());
      } catch (IllegalArgumentException e) {
        r = null;
      }
      if (r == null) {
        throw s.error("generic data is not valid " + RecordTypes.string(type) + " data");
      }
    }
  }

  /**
   * Whether dnsjava has a class for the type: it reads any data of a type it does not know as an
   * {@link UNKRecord}, and data of a type it knows as that type (or fails on it).
   */
  private static boolean hasDnsjavaFormat(int type) {
    return !(Record.newRecord(Name.root, type, DClass.IN, 0, new byte[] {0}) instanceof UNKRecord);
  }

  /**
   * The remaining tokens through dnsjava's parser for this type. Octets above 127 become {@code
   * \DDD} on the way, since dnsjava's tokenizer reads characters, not octets.
   */
  private void dnsjava(int type, long ttl) throws ScanException {
    if (!hasDnsjavaFormat(type)) {
      throw s.error(
          "no presentation format known for "
              + RecordTypes.string(type)
              + "; write it in RFC 3597's generic form: \\# LENGTH HEX");
    }
    StringBuilder text = new StringBuilder();
    int line = s.tokLine;
    while (s.next()) {
      if (text.length() > 0) {
        text.append(' ');
      }
      if (s.tokQuoted) {
        text.append('"');
      }
      byte[] b = s.input();
      for (int i = s.tokStart; i < s.tokEnd; i++) {
        int c = b[i] & 0xFF;
        if (c > 127) {
          text.append('\\').append(c / 100).append(c / 10 % 10).append(c % 10);
        } else {
          text.append((char) c);
        }
      }
      if (s.tokQuoted) {
        text.append('"');
      }
    }
    try {
      Record r = Record.fromString(Name.root, type, DClass.IN, ttl, text.toString(), origin());
      byte[] wire = r.toWire(Section.ANSWER);
      // After the root owner (1 octet), type, class, TTL and length (10 octets).
      w.bytes(wire, 11, wire.length - 11);
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new ScanException(line, stripTokenizerPrefix(m));
    }
  }

  /** dnsjava's messages start with "&lt;none&gt;:LINE: "; the line is ours. */
  private static String stripTokenizerPrefix(String m) {
    if (m.startsWith("<none>:")) {
      int colon = m.indexOf(':', 7);
      if (colon > 0) {
        return m.substring(colon + 1).trim();
      }
    }
    return m;
  }

  private Name origin() {
    byte[] o = s.origin();
    if (o != dnsjavaOriginWire) {
      dnsjavaOrigin = WireName.toName(o);
      dnsjavaOriginWire = o;
    }
    return dnsjavaOrigin;
  }
}
