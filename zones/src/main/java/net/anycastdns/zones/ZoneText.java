package net.anycastdns.zones;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Scans the whole text of a master file into {@link ScannedRecords}. A large file is cut at line
 * starts into one slice per core and the slices are scanned at once; each slice but the first
 * starts from the origin and {@code $TTL} that the directives before it set. The cut is a guess:
 * when the slice before did not end exactly there in the same state (the line was inside
 * parentheses, say), the slice is scanned again from where the one before ended, so the result is
 * always that of one scan from the start.
 */
final class ZoneText {
  /** Below this size one thread reads the file faster than several would start. */
  private static final int PARALLEL_FROM = 4 << 20;

  private ZoneText() {}

  /** The records of {@code text}, zone {@code origin}; syntax errors go to {@code problems}. */
  static ScannedRecords scan(String file, byte[] text, byte[] origin, List<ZoneProblem> problems) {
    MasterFileScanner.State start =
        new MasterFileScanner.State(origin, MasterFileScanner.DEFAULT_TTL);
    int slices = Math.min(Runtime.getRuntime().availableProcessors(), text.length / PARALLEL_FROM);
    if (slices <= 1) {
      ScannedRecords out = new ScannedRecords(text.length);
      new MasterFileScanner(file, text, 0, 1, start, out, problems).scan(text.length);
      return out;
    }
    List<Slice> parts = cut(file, text, start, slices);
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int i = 1; i < parts.size(); i++) {
      Slice p = parts.get(i);
      running.add(CompletableFuture.runAsync(p::scan));
    }
    parts.get(0).scan();
    running.forEach(CompletableFuture::join);
    List<ScannedRecords> records = new ArrayList<>();
    Slice before = parts.get(0);
    records.add(before.out);
    problems.addAll(before.problems);
    for (int i = 1; i < parts.size(); i++) {
      Slice p = parts.get(i);
      if (before.endPosition != p.from || !before.endState.sameAs(p.state)) {
        p =
            new Slice(
                file, text, before.endPosition, before.endLine, before.endState, p.limit, p.lines);
        p.scan();
      }
      records.add(p.out);
      problems.addAll(p.problems);
      before = p;
    }
    return ScannedRecords.concat(records);
  }

  /**
   * Cuts {@code text} into about {@code n} slices at line starts that begin with a name (not a
   * blank, a comment or a directive), and works out the state each starts in from the {@code
   * $ORIGIN} and {@code $TTL} lines before it.
   */
  private static List<Slice> cut(String file, byte[] text, MasterFileScanner.State start, int n) {
    List<Slice> slices = new ArrayList<>();
    int from = 0;
    int line = 1;
    MasterFileScanner.State state = start;
    int p = 0;
    for (int i = 1; i <= n; i++) {
      int target = i == n ? text.length : (int) ((long) text.length * i / n);
      int at = target;
      while (at < text.length && !isRecordStart(text, at)) {
        at++;
      }
      if (i == n) {
        at = text.length;
      }
      if (at <= from) {
        continue;
      }
      int firstLine = line;
      MasterFileScanner.State first = state;
      // Lines and directives up to the next cut.
      for (; p < at; p++) {
        byte b = text[p];
        if (b == '$' && (p == 0 || text[p - 1] == '\n' || text[p - 1] == '\r')) {
          state = directive(file, text, p, line, state);
        }
        if (b == '\n' || (b == '\r' && (p + 1 >= text.length || text[p + 1] != '\n'))) {
          line++;
        }
      }
      slices.add(new Slice(file, text, from, firstLine, first, at, line - firstLine + 1));
      from = at;
    }
    return slices;
  }

  private static boolean isRecordStart(byte[] text, int at) {
    if (at == 0 || text[at - 1] != '\n') {
      return false;
    }
    byte b = text[at];
    return b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != ';' && b != '$';
  }

  /** The state after the directive line at {@code at}, read by a scanner of its own. */
  private static MasterFileScanner.State directive(
      String file, byte[] text, int at, int line, MasterFileScanner.State state) {
    int c = at + 1 < text.length ? text[at + 1] | 0x20 : 0;
    if (c != 'o' && c != 't') {
      return state; // only $ORIGIN and $TTL change the state
    }
    int end = at;
    while (end < text.length && text[end] != '\n') {
      end++;
    }
    byte[] one = java.util.Arrays.copyOfRange(text, at, end);
    MasterFileScanner s =
        new MasterFileScanner(file, one, 0, line, state, new ScannedRecords(), new ArrayList<>());
    s.scan(one.length);
    return s.state();
  }

  /** One slice and what scanning it gave. */
  private static final class Slice {
    final String file;
    final byte[] text;
    final int from;
    final int firstLine;
    final MasterFileScanner.State state;
    final int limit;
    final int lines;
    final ScannedRecords out;
    final List<ZoneProblem> problems = new ArrayList<>();
    int endPosition;
    int endLine;
    MasterFileScanner.State endState;

    Slice(
        String file,
        byte[] text,
        int from,
        int firstLine,
        MasterFileScanner.State state,
        int limit,
        int lines) {
      this.file = file;
      this.text = text;
      this.from = from;
      this.firstLine = firstLine;
      this.state = state;
      this.limit = limit;
      this.lines = lines;
      this.out = new ScannedRecords(limit - from, lines);
    }

    void scan() {
      MasterFileScanner s =
          new MasterFileScanner(file, text, from, firstLine, state, out, problems);
      s.scan(limit);
      endPosition = s.position();
      endLine = s.line();
      endState = s.state();
    }
  }
}
