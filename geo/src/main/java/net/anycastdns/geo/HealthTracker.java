package net.anycastdns.geo;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The health checks' bookkeeping without any I/O or clock of its own: which targets are due at a
 * given time, which attempts have timed out, and each target's {@link RiseFall} state. Time is
 * passed in as {@link System#nanoTime()}-style nanoseconds, so tests drive it with made-up instants
 * instead of sleeping.
 *
 * <p>One thread (the checker's) calls the mutating methods. The {@link HealthView} side is read by
 * query threads: every change publishes a new immutable snapshot through one volatile field.
 */
final class HealthTracker implements HealthView {
  private static final class Slot {
    private final CheckTarget target;
    private RiseFall state = RiseFall.INITIAL;
    private long nextStart;
    private boolean inFlight;
    private long deadline;

    private Slot(CheckTarget target, long firstStart) {
      this.target = target;
      this.nextStart = firstStart;
    }
  }

  /** What query threads see: the addresses down per PoP, and a generation number. */
  private record Snapshot(long generation, Map<String, Set<InetAddress>> down) {}

  private final Map<CheckTarget, Slot> slots = new LinkedHashMap<>();
  private volatile Snapshot snapshot = new Snapshot(0, Map.of());

  /** Tracks {@code targets}, every one due at {@code now} and up. */
  HealthTracker(Collection<CheckTarget> targets, long now) {
    this(targets, now, Map.of());
  }

  /**
   * Tracks {@code targets}, every one due at {@code now}; a target found in {@code carried} (the
   * states of a tracker this one replaces) starts in that state, else up.
   */
  HealthTracker(Collection<CheckTarget> targets, long now, Map<CheckTarget, RiseFall> carried) {
    for (CheckTarget t : targets) {
      Slot s = new Slot(t, now);
      s.state = carried.getOrDefault(t, RiseFall.INITIAL);
      slots.put(t, s);
    }
    if (slots.values().stream().anyMatch(s -> !s.state.up())) {
      publish();
    }
  }

  /** Every target's state, to carry over into a replacement tracker. */
  Map<CheckTarget, RiseFall> states() {
    Map<CheckTarget, RiseFall> out = new HashMap<>();
    slots.forEach((t, s) -> out.put(t, s.state));
    return out;
  }

  @Override
  public boolean healthy(String pop, InetAddress address) {
    Set<InetAddress> down = snapshot.down().get(pop);
    return down == null || !down.contains(address);
  }

  @Override
  public long generation() {
    return snapshot.generation();
  }

  /** Whether {@code target} currently counts as up. */
  boolean up(CheckTarget target) {
    return slot(target).state.up();
  }

  /**
   * The targets whose next check is due at {@code now} and that have no attempt under way; each is
   * now in flight until {@link #finish} or its timeout, and its next check is one interval after
   * this start.
   */
  List<CheckTarget> startDue(long now) {
    List<CheckTarget> due = new ArrayList<>();
    for (Slot s : slots.values()) {
      if (!s.inFlight && now - s.nextStart >= 0) {
        s.inFlight = true;
        s.deadline = now + s.target.check().timeout().toNanos();
        s.nextStart = now + s.target.check().interval().toNanos();
        due.add(s.target);
      }
    }
    return due;
  }

  /**
   * The attempts still in flight at their deadline {@code now}: the caller abandons each and
   * records it as failed with {@link #finish}.
   */
  List<CheckTarget> expired(long now) {
    List<CheckTarget> expired = new ArrayList<>();
    for (Slot s : slots.values()) {
      if (s.inFlight && now - s.deadline >= 0) {
        expired.add(s.target);
      }
    }
    return expired;
  }

  /**
   * Records the result of the attempt in flight for {@code target}; a result arriving after the
   * attempt expired is ignored, its failure already counted.
   *
   * @return whether the target changed between up and down
   */
  boolean finish(CheckTarget target, boolean reachable) {
    Slot s = slot(target);
    if (!s.inFlight) {
      return false;
    }
    s.inFlight = false;
    RiseFall before = s.state;
    s.state = before.next(reachable, target.check().rise(), target.check().fall());
    if (s.state.up() == before.up()) {
      return false;
    }
    publish();
    return true;
  }

  /**
   * When something next needs doing: the earliest start of an idle target or deadline of an attempt
   * in flight; a day after {@code now} when nothing is tracked.
   */
  long nextEvent(long now) {
    long next = now + TimeUnit.DAYS.toNanos(1);
    for (Slot s : slots.values()) {
      long at = s.inFlight ? s.deadline : s.nextStart;
      if (at - next < 0) {
        next = at;
      }
    }
    return next;
  }

  private Slot slot(CheckTarget target) {
    Slot s = slots.get(target);
    if (s == null) {
      throw new IllegalArgumentException("not a tracked target: " + target);
    }
    return s;
  }

  /** An address is down while any of its targets is: each check stands for a service using it. */
  private void publish() {
    Map<String, Set<InetAddress>> down = new HashMap<>();
    for (Slot s : slots.values()) {
      if (!s.state.up()) {
        down.computeIfAbsent(s.target.pop(), p -> new HashSet<>()).add(s.target.address());
      }
    }
    down.replaceAll((pop, set) -> Set.copyOf(set));
    snapshot = new Snapshot(snapshot.generation() + 1, Map.copyOf(down));
  }
}
