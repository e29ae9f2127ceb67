package net.anycastdns.server.reload;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import net.anycastdns.common.DaemonThreads;

/**
 * Asks G1 for a concurrent collection once a zone set has been swapped in (at startup and by each
 * reload), so that the memory of the set replaced, and of building the new one, comes back before
 * the next reload. Left alone, G1 finds a heap whose collections took long while the new set was
 * built (everything in it survives), grows the heap rather than start marking, and the replaced
 * sets pile up: after four pushes of a 1,000,000-name zone the server held 1,103 to 2,000 MB, in a
 * heap grown to as much as 3.5 GB; with a concurrent collection after each swap, 476 to 679 MB
 * (README, "Loading zones").
 *
 * <p>{@code System.gc()} starts that collection only when the JVM runs it concurrently, as the
 * README's options ask ({@code -XX:+ExplicitGCInvokesConcurrent}, with G1); anywhere else it would
 * stop every thread, queries included, for a full collection, so it is not called. It runs on a
 * thread of its own, since it returns only once the marking is over.
 */
final class ZoneSetReclaimer implements AutoCloseable {
  private final boolean g1;
  private final boolean concurrent;
  private final String shenandoahAdvice;
  private final AtomicBoolean asked = new AtomicBoolean();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(DaemonThreads.named("reclaim"));

  private ZoneSetReclaimer(boolean g1, boolean concurrent, String shenandoahAdvice) {
    this.g1 = g1;
    this.concurrent = concurrent;
    this.shenandoahAdvice = shenandoahAdvice;
  }

  /** A reclaimer that collects when this JVM's {@code System.gc()} is G1's concurrent cycle. */
  static ZoneSetReclaimer forThisJvm() {
    List<String> collectors =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList();
    boolean g1 = collectors.stream().anyMatch(name -> name.startsWith("G1 "));
    boolean shenandoah = collectors.stream().anyMatch(name -> name.startsWith("Shenandoah "));
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    boolean option =
        hotspot != null
            && "true".equals(hotspot.getVMOption("ExplicitGCInvokesConcurrent").getValue());
    String shenandoahAdvice =
        shenandoah && hotspot != null
            ? shenandoahAdvice(
                Long.parseLong(hotspot.getVMOption("SoftMaxHeapSize").getValue()),
                Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue()))
            : null;
    return new ZoneSetReclaimer(g1, g1 && option, shenandoahAdvice);
  }

  /**
   * What to tell an operator whose Shenandoah aims at a heap ({@code SoftMaxHeapSize}) too small
   * for it ever to stop collecting, or null. Shenandoah keeps 5% of the largest heap for copying
   * ({@code ShenandoahEvacReserve}), counts it out of the heap it aims at, and starts a cycle
   * whenever less than 10% of that aim is free ({@code ShenandoahMinFreeThreshold}): below 1/18 of
   * the largest heap, free is below that before anything is allocated, and cycles run back to back
   * (JDK 17 and 25, at those flags' defaults). With the README's options on a 24 GB machine (an 18
   * GB heap), {@code -XX:SoftMaxHeapSize=800m} kept a core busy while the server was idle.
   */
  static String shenandoahAdvice(long softMaxHeapSize, long maxHeapSize) {
    return softMaxHeapSize < maxHeapSize / 18
        ? "Shenandoah with -XX:SoftMaxHeapSize="
            + (softMaxHeapSize >> 20)
            + "m, below 1/18 of the largest heap ("
            + (maxHeapSize >> 20)
            + " MB, of which it keeps 5% for copying): it will collect without end, a core's worth"
            + " while idle; bound the heap with -Xmx instead (README, \"Memory and JVM options\")"
        : null;
  }

  /** Whether a swap asks for a collection: {@code System.gc()} is G1's concurrent cycle here. */
  boolean collects() {
    return concurrent;
  }

  /**
   * What to tell an operator whose JVM runs G1 without {@code -XX:+ExplicitGCInvokesConcurrent}
   * (plain {@code java -jar}, say), or Shenandoah aiming at too small a heap ({@link
   * #shenandoahAdvice}), or null: other collectors give memory back their own way.
   */
  String advice() {
    return g1 && !concurrent
        ? "G1 without -XX:+ExplicitGCInvokesConcurrent: a zone set replaced by a reload is left for G1"
            + " to find, and it may grow the heap by a set each time; the README's run command has"
            + " the option (README, \"Memory and JVM options\")"
        : shenandoahAdvice;
  }

  /**
   * A zone set was swapped in, and nothing refers to the one before, or to what building it took,
   * any more: a collection that began while they were still referenced would keep them, since G1
   * marks what was reachable when marking began. Requests made while one waits to run are the same
   * request.
   */
  void swapped() {
    if (collects() && asked.compareAndSet(false, true)) {
      thread.execute(
          () -> {
            asked.set(false);
            System.gc();
          });
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
