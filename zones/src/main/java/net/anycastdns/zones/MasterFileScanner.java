package net.anycastdns.zones;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;

/**
 * Reads the bytes of an RFC 1035 master file (section 5) and hands each record to a {@link
 * ScannedRecords} as wire data: owner name, type, class, TTL and uncompressed record data, with the
 * line the record starts on. No object is made per record or per token: tokens are ranges of the
 * input, names and data are encoded straight into reused buffers.
 *
 * <p>The grammar: entries end at a newline outside parentheses; {@code ;} starts a comment; {@code
 * "..."} quotes; {@code \X} and {@code \DDD} escape; a line that starts with a blank keeps the
 * previous owner; {@code @} is the origin and names without a final dot are relative to it; TTL and
 * class may be left out and come in either order. Directives: {@code $ORIGIN} (relative to the
 * current origin, as BIND, Knot and NSD read it), {@code $TTL}, {@code $GENERATE} (BIND's syntax,
 * at most {@link #MAX_GENERATE} records each) and {@code $INCLUDE}, which is refused: zones arrive
 * from git pushes and may not read other files of the host. A record without a TTL takes the last
 * {@code $TTL}, 3600 before any. Record data is read by {@link RdataParser}, RFC 3597's generic
 * {@code \# LENGTH HEX} form included.
 *
 * <p>Octets are octets: bytes above 127 inside names and character-strings go to the wire as they
 * are in the file.
 *
 * <p>A syntax error is reported with its line and the scanner goes on at the next record, so that
 * one bad line does not hide the problems after it. A scanner reads the whole text or, for parallel
 * scanning, a slice of it from one record boundary to the first record boundary at or after its end
 * ({@link #scan}); {@link ZoneText} puts the slices together.
 */
final class MasterFileScanner {
  /** Upper bound of records one {@code $GENERATE} directive may create. */
  static final long MAX_GENERATE = 65_536;

  /** The TTL of records before any {@code $TTL}: dnsjava's and this server's default. */
  static final long DEFAULT_TTL = 3600;

  /** What a scan depends on at a record boundary: the origin and the default TTL in force. */
  record State(byte[] origin, long defaultTtl) {
    boolean sameAs(State o) {
      return Arrays.equals(origin, o.origin) && defaultTtl == o.defaultTtl;
    }
  }

  private final String file;
  private final byte[] in;
  private final int inEnd;
  private final ScannedRecords out;
  private final List<ZoneProblem> problems;
  private final RdataParser rdata = new RdataParser(this);

  private int pos;
  private int line;
  private int parens;
  private boolean recordEnded;

  private byte[] origin;
  private long defaultTtl;

  private final byte[] owner = new byte[WireName.MAX_LENGTH];
  private int ownerLen;
  private boolean haveOwner;

  /** The current token: {@code in[tokStart, tokEnd)}, escapes not yet decoded. */
  int tokStart;

  int tokEnd;
  boolean tokQuoted;
  int tokLine;
  private boolean pushedBack;

  /**
   * @param in the file's bytes
   * @param from offset of a record boundary to start at
   * @param firstLine the line number at {@code from}
   * @param state origin and default TTL in force at {@code from}
   */
  MasterFileScanner(
      String file,
      byte[] in,
      int from,
      int firstLine,
      State state,
      ScannedRecords out,
      List<ZoneProblem> problems) {
    this.file = file;
    this.in = in;
    this.inEnd = in.length;
    this.pos = from;
    this.line = firstLine;
    this.origin = state.origin();
    this.defaultTtl = state.defaultTtl();
    this.out = out;
    this.problems = problems;
  }

  /** Where the scan stopped: a record boundary. */
  int position() {
    return pos;
  }

  int line() {
    return line;
  }

  State state() {
    return new State(origin, defaultTtl);
  }

  byte[] origin() {
    return origin;
  }

  String file() {
    return file;
  }

  /**
   * Reads records until the first record boundary at or after {@code limit} (the end of the text at
   * the latest).
   */
  void scan(int limit) {
    while (pos < inEnd && pos < limit) {
      recordEnded = false;
      pushedBack = false;
      parens = 0;
      try {
        record();
      } catch (ScanException e) {
        problems.add(ZoneProblem.error(file, e.line(), e.getMessage()));
        skipRest();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens

  /**
   * Moves to the next token of the current entry; false at its end (a newline outside parentheses,
   * or the end of the text), and from then on until the next entry.
   */
  boolean next() throws ScanException {
    if (pushedBack) {
      pushedBack = false;
      return true;
    }
    if (recordEnded) {
      return false;
    }
    while (true) {
      if (pos >= inEnd) {
        recordEnded = true;
        if (parens > 0) {
          parens = 0;
          throw new ScanException(line, "end of file inside parentheses");
        }
        return false;
      }
      byte b = in[pos];
      switch (b) {
        case ' ', '\t' -> pos++;
        case '\r' -> {
          pos++;
          if (pos >= inEnd || in[pos] != '\n') {
            if (newline()) {
              return false;
            }
          }
        }
        case '\n' -> {
          pos++;
          if (newline()) {
            return false;
          }
        }
        case ';' -> {
          while (pos < inEnd && in[pos] != '\n' && in[pos] != '\r') {
            pos++;
          }
        }
        case '(' -> {
          parens++;
          pos++;
        }
        case ')' -> {
          pos++;
          if (parens == 0) {
            throw new ScanException(line, "')' without '('");
          }
          parens--;
        }
        case '"' -> {
          quoted();
          return true;
        }
        default -> {
          unquoted();
          return true;
        }
      }
    }
  }

  /** Counts a newline; true when it ends the entry. */
  private boolean newline() {
    line++;
    if (parens == 0) {
      recordEnded = true;
      return true;
    }
    return false;
  }

  private void quoted() throws ScanException {
    tokLine = line;
    tokQuoted = true;
    int p = ++pos;
    tokStart = p;
    while (true) {
      if (p >= inEnd) {
        pos = p;
        tokEnd = p;
        throw new ScanException(tokLine, "end of file in a quoted string");
      }
      byte b = in[p];
      if (b == '"') {
        break;
      }
      if (b == '\n' || b == '\r') {
        // The newline is left for the next entry: recovery goes on from there.
        pos = p;
        tokEnd = p;
        throw new ScanException(tokLine, "newline in a quoted string");
      }
      p += b == '\\' && p + 1 < inEnd && in[p + 1] != '\n' ? 2 : 1;
    }
    tokEnd = p;
    pos = p + 1;
  }

  private void unquoted() {
    tokLine = line;
    tokQuoted = false;
    int p = pos;
    tokStart = p;
    while (p < inEnd) {
      byte b = in[p];
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == ';' || b == '(' || b == ')'
          || b == '"') {
        break;
      }
      p += b == '\\' && p + 1 < inEnd && in[p + 1] != '\n' ? 2 : 1;
    }
    tokEnd = p;
    pos = p;
  }

  /** Makes the current token the next one again. */
  void pushBack() {
    pushedBack = true;
  }

  /** The next token, or an error (on the line of the token before) naming what was expected. */
  void expect(String what) throws ScanException {
    if (!next()) {
      throw new ScanException(tokLine, "missing " + what);
    }
  }

  ScanException error(String message) {
    return new ScanException(tokLine, message);
  }

  /** The current token as text, for messages and for dnsjava. */
  String token() {
    return new String(in, tokStart, tokEnd - tokStart, StandardCharsets.ISO_8859_1);
  }

  byte[] input() {
    return in;
  }

  /** True when the current token is unquoted and equals {@code s}, ignoring ASCII case. */
  boolean tokenIs(String s) {
    if (tokQuoted || tokEnd - tokStart != s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (WireName.lower(in[tokStart + i]) != WireName.lower((byte) s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Skips what is left of an entry after an error, tolerating further errors in it. */
  private void skipRest() {
    pushedBack = false;
    while (true) {
      try {
        if (!next()) {
          return;
        }
      } catch (ScanException e) {
        if (pos >= inEnd) {
          return;
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Entries

  private void record() throws ScanException {
    boolean keepOwner = in[pos] == ' ' || in[pos] == '\t';
    if (!next()) {
      return; // a blank line or a comment
    }
    int recordLine = tokLine;
    if (!keepOwner) {
      if (!tokQuoted && in[tokStart] == '$') {
        directive();
        return;
      }
      ownerLen = name(tokStart, tokEnd, owner, 0);
      haveOwner = true;
    } else if (!haveOwner) {
      throw error("no owner name: the first record starts with a blank");
    } else {
      pushBack();
    }
    expect("type");
    record(owner, ownerLen, recordLine);
  }

  /** Reads [TTL] [class] type data (in either order) for {@code name} and stores the record. */
  private void record(byte[] name, int nameLen, int recordLine) throws ScanException {
    int dclass = dclass();
    boolean seenClass = dclass >= 0;
    if (seenClass) {
      expect("type");
    }
    long ttl = ttl();
    if (ttl >= 0) {
      expect("type");
    } else {
      ttl = defaultTtl;
    }
    if (!seenClass) {
      dclass = dclass();
      if (dclass >= 0) {
        expect("type");
      } else {
        dclass = DClass.IN;
      }
    }
    int type = RecordTypes.value(in, tokStart, tokEnd, tokQuoted);
    if (type < 0) {
      throw error("unknown type '" + token() + "'");
    }
    if (RecordTypes.isMeta(type)) {
      throw error("type " + RecordTypes.string(type) + " is not data (RFC 6895 section 3.1)");
    }
    WireWriter w = rdata.parse(type, ttl);
    if (next()) {
      throw error("unexpected '" + token() + "' at the end of the record");
    }
    out.add(name, nameLen, type, dclass, ttl, w.buf, w.len, recordLine);
  }

  /** The current token as a class (IN, CH, HS, NONE, ANY, CLASSnnn), or -1. */
  private int dclass() {
    if (tokEnd - tokStart == 2
        && !tokQuoted
        && (in[tokStart] | 0x20) == 'i'
        && (in[tokStart + 1] | 0x20) == 'n') {
      return DClass.IN;
    }
    if (tokQuoted || tokEnd - tokStart > 12 || !Character.isLetter(in[tokStart])) {
      return -1;
    }
    return DClass.value(token());
  }

  /** The current token as a TTL (seconds, or BIND's units: 1w2d3h4m5s), or -1. */
  private long ttl() {
    if (tokQuoted || in[tokStart] < '0' || in[tokStart] > '9') {
      return -1;
    }
    return parseTtl(in, tokStart, tokEnd);
  }

  /**
   * A TTL as dnsjava's {@code TTL.parse} reads it: digits with optional unit letters (w, d, h, m,
   * s; either case); values above 2^31 - 1 are clamped (RFC 2181 section 8). -1 when not a TTL.
   */
  static long parseTtl(byte[] b, int from, int to) {
    long value = 0;
    long total = 0;
    boolean units = false;
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (value > 0xFFFFFFFFL) {
          return -1;
        }
        continue;
      }
      long unit;
      switch (c | 0x20) {
        case 'w' -> unit = 7 * 86400;
        case 'd' -> unit = 86400;
        case 'h' -> unit = 3600;
        case 'm' -> unit = 60;
        case 's' -> unit = 1;
        default -> {
          return -1;
        }
      }
      total += value * unit;
      value = 0;
      units = true;
      if (total > 0xFFFFFFFFL) {
        return -1;
      }
    }
    long ttl = units ? total + value : value;
    if (ttl > 0xFFFFFFFFL) {
      return -1;
    }
    return Math.min(ttl, 0x7FFFFFFFL);
  }

  private void directive() throws ScanException {
    if (tokenIs("$ORIGIN")) {
      expect("origin name");
      byte[] buf = new byte[WireName.MAX_LENGTH];
      int n = name(tokStart, tokEnd, buf, 0);
      origin = Arrays.copyOf(buf, n);
      endOfDirective("$ORIGIN");
    } else if (tokenIs("$TTL")) {
      expect("TTL");
      long ttl = ttl();
      if (ttl < 0) {
        throw error("bad TTL '" + token() + "'");
      }
      defaultTtl = ttl;
      endOfDirective("$TTL");
    } else if (tokenIs("$INCLUDE")) {
      throw error("$INCLUDE is not allowed: a zone may not read other files");
    } else if (tokenIs("$GENERATE")) {
      generate();
    } else {
      throw error("unknown directive " + token());
    }
  }

  private void endOfDirective(String directive) throws ScanException {
    if (next()) {
      throw error("unexpected '" + token() + "' after " + directive);
    }
  }

  /**
   * BIND's {@code $GENERATE start-stop[/step] owner [ttl] [class] type data}: {@code $} in owner
   * and data is the number, {@code ${offset,width,base}} formats it, {@code \$} is a dollar sign.
   * Each generated line is scanned like any other, with the directive's line number.
   */
  private void generate() throws ScanException {
    int directiveLine = tokLine;
    expect("$GENERATE range");
    String range = token();
    long[] r = Generate.range(range);
    if (r == null) {
      throw error("bad $GENERATE range '" + range + "'");
    }
    long count = (r[1] - r[0]) / r[2] + 1;
    if (count > MAX_GENERATE) {
      throw error(
          "$GENERATE would make " + count + " records; at most " + MAX_GENERATE + " are allowed");
    }
    StringBuilder template = new StringBuilder();
    expect("$GENERATE owner");
    String lhs = token();
    while (next()) {
      template.append(' ');
      template.append(tokQuoted ? '"' + token() + '"' : token());
    }
    String rest = template.toString();
    int lastSpace = rest.lastIndexOf(' ');
    if (lastSpace <= 0) {
      throw new ScanException(directiveLine, "missing $GENERATE type and data");
    }
    String middle = rest.substring(0, lastSpace);
    String rhs = rest.substring(lastSpace + 1);
    ScannedRecords generated = new ScannedRecords();
    StringBuilder text = new StringBuilder();
    for (long n = r[0]; n <= r[1]; n += r[2]) {
      text.setLength(0);
      try {
        text.append(Generate.substitute(lhs, n))
            .append(middle)
            .append(' ')
            .append(Generate.substitute(rhs, n))
            .append('\n');
      } catch (IllegalArgumentException e) {
        throw new ScanException(directiveLine, "$GENERATE: " + e.getMessage());
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
      List<ZoneProblem> lineProblems = new ArrayList<>(0);
      MasterFileScanner one =
          new MasterFileScanner(file, bytes, 0, directiveLine, state(), generated, lineProblems);
      one.scan(bytes.length);
      if (!lineProblems.isEmpty()) {
        throw new ScanException(directiveLine, "$GENERATE: " + lineProblems.get(0).message());
      }
    }
    for (int i = 0; i < generated.size(); i++) {
      byte[] names = generated.names();
      int off = generated.ownerOffset(i);
      int len = WireName.length(names, off);
      out.add(
          Arrays.copyOfRange(names, off, off + len),
          len,
          generated.type(i),
          generated.dclass(i),
          generated.ttl(i),
          generated.rdataCopy(i),
          generated.rdataEnd(i) - generated.rdataStart(i),
          directiveLine);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Names

  /**
   * Encodes the presentation-format name {@code in[from, to)} in wire form into {@code out} at
   * {@code at}, completing a relative name with the origin; returns the length written. Letter case
   * is kept.
   */
  int name(int from, int to, byte[] out, int at) throws ScanException {
    if (to - from == 1 && in[from] == '@') {
      System.arraycopy(origin, 0, out, at, origin.length);
      return origin.length;
    }
    if (to - from == 1 && in[from] == '.') {
      out[at] = 0;
      return 1;
    }
    int p = at;
    int labelStart = p++;
    int labelLen = 0;
    boolean absolute = false;
    int i = from;
    while (i < to) {
      int c = in[i++] & 0xFF;
      if (c == '.') {
        if (labelLen == 0) {
          throw error("empty label in '" + token() + "'");
        }
        out[labelStart] = (byte) labelLen;
        if (i == to) {
          absolute = true;
          break;
        }
        labelStart = p++;
        labelLen = 0;
        continue;
      }
      if (c == '\\') {
        if (i >= to) {
          throw error("bad escape at the end of '" + token() + "'");
        }
        c = in[i++] & 0xFF;
        if (c >= '0' && c <= '9') {
          if (!isDigit(in, i, to) || !isDigit(in, i + 1, to)) {
            throw error("bad escape in '" + token() + "': \\DDD needs three digits");
          }
          c = (c - '0') * 100 + (in[i] - '0') * 10 + (in[i + 1] - '0');
          i += 2;
          if (c > 255) {
            throw error("bad escape in '" + token() + "': \\" + c + " is above 255");
          }
        }
      }
      if (++labelLen > 63) {
        throw error("label longer than 63 octets in '" + token() + "'");
      }
      if (p >= at + WireName.MAX_LENGTH - 1) {
        throw error("name longer than 255 octets: '" + token() + "'");
      }
      out[p++] = (byte) c;
    }
    if (absolute) {
      out[p++] = 0;
      return p - at;
    }
    out[labelStart] = (byte) labelLen;
    if (p - at + origin.length > WireName.MAX_LENGTH) {
      throw error("name longer than 255 octets: '" + token() + "' with the origin");
    }
    System.arraycopy(origin, 0, out, p, origin.length);
    return p - at + origin.length;
  }

  private static boolean isDigit(byte[] b, int i, int to) {
    return i < to && b[i] >= '0' && b[i] <= '9';
  }
}
