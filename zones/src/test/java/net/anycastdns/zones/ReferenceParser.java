package net.anycastdns.zones;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.xbill.DNS.Generator;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The reference the scanner is proven against: an RFC 1035 master file parsed by dnsjava's {@link
 * Master} (the server's parser before {@link MasterFileScanner}), with {@code $INCLUDE} refused and
 * each {@code $GENERATE} bounded to {@link #MAX_GENERATE} records. Octets above 127 are handed to
 * dnsjava as {@code \DDD}, since its tokenizer reads characters.
 *
 * <p>dnsjava does not say on which line a record stood; a small input filter notes the line of the
 * first token after each record, which is where the next record starts.
 */
final class ReferenceParser {
  /** Upper bound of records one {@code $GENERATE} directive may create. */
  public static final long MAX_GENERATE = 65_536;

  private ReferenceParser() {}

  /** Result of parsing: the records, or the problem that stopped the parse. */
  public record Result(List<ParsedRecord> records, List<ZoneProblem> problems) {}

  /**
   * Parses {@code text} as the zone {@code origin}; {@code file} names it in problems. Parsing
   * stops at the first syntax error, which is returned as the only problem.
   */
  static Result parse(String file, byte[] raw, Name origin) {
    byte[] text = escapeHighOctets(raw);
    List<ParsedRecord> records = new ArrayList<>();
    List<ZoneProblem> problems = new ArrayList<>();
    LineTrackingStream in = new LineTrackingStream(text);
    try (Master master = new Master(in, origin, 3600)) {
      master.disableIncludes(true);
      master.expandGenerate(false);
      while (true) {
        in.startRecord();
        Record r = master.nextRecord();
        if (r == null) {
          break;
        }
        records.add(new ParsedRecord(r, in.recordLine()));
      }
      expandGenerators(file, text, master.generators(), records, problems);
    } catch (IOException | RuntimeException e) {
      problems.add(ZoneProblem.error(file, lineOf(e, in), messageOf(e)));
    }
    return new Result(records, problems);
  }

  /** The records as the scanner would hand them over, for the zone compiler. */
  static ScannedRecords toScanned(List<ParsedRecord> records) {
    ScannedRecords out = new ScannedRecords();
    for (ParsedRecord p : records) {
      Record r = p.record();
      byte[] owner = r.getName().toWire();
      byte[] wire = r.toWire(org.xbill.DNS.Section.ANSWER);
      byte[] rdata = java.util.Arrays.copyOfRange(wire, owner.length + 10, wire.length);
      out.add(
          owner,
          owner.length,
          r.getType(),
          r.getDClass(),
          r.getTTL(),
          rdata,
          rdata.length,
          p.line());
    }
    return out;
  }

  private static byte[] escapeHighOctets(byte[] raw) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length);
    for (byte b : raw) {
      int c = b & 0xFF;
      if (c > 127) {
        out.write('\\');
        out.write('0' + c / 100);
        out.write('0' + c / 10 % 10);
        out.write('0' + c % 10);
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static void expandGenerators(
      String file,
      byte[] text,
      Iterator<Generator> generators,
      List<ParsedRecord> records,
      List<ZoneProblem> problems)
      throws IOException {
    List<Integer> lines = directiveLines(text, "$GENERATE");
    int i = 0;
    while (generators.hasNext()) {
      Generator g = generators.next();
      int line = i < lines.size() ? lines.get(i) : 0;
      i++;
      long count = g.step <= 0 ? Long.MAX_VALUE : (g.end - g.start) / g.step + 1;
      if (count > MAX_GENERATE) {
        problems.add(
            ZoneProblem.error(
                file,
                line,
                "$GENERATE would make "
                    + count
                    + " records; at most "
                    + MAX_GENERATE
                    + " are allowed"));
        continue;
      }
      for (Record r = g.nextRecord(); r != null; r = g.nextRecord()) {
        records.add(new ParsedRecord(r, line));
      }
    }
  }

  private static List<Integer> directiveLines(byte[] text, String directive) {
    List<Integer> lines = new ArrayList<>();
    String s = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    int line = 1;
    int start = 0;
    while (start <= s.length()) {
      int end = s.indexOf('\n', start);
      if (end < 0) {
        end = s.length();
      }
      if (s.regionMatches(true, start, directive, 0, directive.length())) {
        lines.add(line);
      }
      line++;
      start = end + 1;
    }
    return lines;
  }

  /**
   * dnsjava's messages start with "file:line: "; its file is unknown here, so the line is taken.
   */
  private static int lineOf(Exception e, LineTrackingStream in) {
    String m = e.getMessage();
    if (m != null && m.startsWith("<none>:")) {
      int colon = m.indexOf(':', 7);
      if (colon > 7) {
        try {
          return Integer.parseInt(m.substring(7, colon));
        } catch (NumberFormatException ignored) {
          // fall through to the tracked line
        }
      }
    }
    return Math.max(in.recordLine(), 1);
  }

  private static String messageOf(Exception e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    if (m.startsWith("<none>:")) {
      int colon = m.indexOf(':', 7);
      if (colon > 0) {
        m = m.substring(colon + 1).trim();
      }
    }
    if (m.contains("$INCLUDE")) {
      return "$INCLUDE is not allowed: a zone may not read other files";
    }
    return m;
  }

  /**
   * Hands the zone text to dnsjava's tokenizer byte by byte, counting lines as they are consumed
   * and noting the line of the first byte of each record that is not blank, a comment or a {@code
   * $} directive. It is a {@link BufferedInputStream} only because dnsjava wraps any other stream
   * in one, whose read-ahead would hide where the tokenizer is.
   */
  private static final class LineTrackingStream extends BufferedInputStream {
    private final byte[] text;
    private int next;
    private int line = 1;
    private int recordLine = -1;
    private boolean atLineStart = true;
    private boolean skippingLine;
    private boolean inQuotes;
    private boolean escaped;

    LineTrackingStream(byte[] text) {
      super(InputStream.nullInputStream(), 1);
      this.text = text;
    }

    void startRecord() {
      recordLine = -1;
    }

    int recordLine() {
      return recordLine;
    }

    @Override
    public int read() {
      if (next >= text.length) {
        return -1;
      }
      int b = text[next++] & 0xff;
      track(b);
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int b = read();
      if (b < 0) {
        return -1;
      }
      buf[off] = (byte) b;
      return 1;
    }

    @Override
    public int available() {
      return text.length - next;
    }

    @Override
    public long skip(long n) {
      long k = Math.min(n, available());
      for (long i = 0; i < k; i++) {
        read();
      }
      return k;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {
      // nothing to release: the text is in memory
    }

    private void track(int b) {
      if (b == '\n') {
        line++;
        atLineStart = true;
        skippingLine = false;
        escaped = false;
        return;
      }
      if (skippingLine) {
        return;
      }
      // A backslash escapes the next octet (RFC 1035 5.1): \" neither opens nor closes a string,
      // and an escaped ; or $ is data.
      boolean special = !escaped;
      escaped = special && b == '\\';
      if (special && b == '"') {
        inQuotes = !inQuotes;
      } else if (special && b == ';' && !inQuotes) {
        skippingLine = true;
        return;
      } else if (special && b == '$' && atLineStart) {
        skippingLine = true;
        atLineStart = false;
        return;
      }
      atLineStart = false;
      if (b == ' ' || b == '\t' || b == '\r' || b == '(' || b == ')') {
        return;
      }
      if (recordLine < 0) {
        recordLine = line;
      }
    }
  }
}
