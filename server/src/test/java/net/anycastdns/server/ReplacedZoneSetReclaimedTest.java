package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.anycastdns.common.testing.Missing;
import net.anycastdns.server.testing.Await;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.ServeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapping in a zone set, at startup and by a reload, asks G1 for a concurrent collection, so that
 * the set replaced and what building the new one took are given back before the next reload
 * (ZoneSetReclaimer): in a process started with the README's {@code
 * -XX:+ExplicitGCInvokesConcurrent}, G1's own log shows a cycle begun by {@code System.gc()} once
 * the server serves, and another after a reload. Without the option nothing is asked (it would be a
 * full pause), and the log says what is missing. So it does for Shenandoah told to aim at a heap
 * too small for it ever to stop collecting.
 */
class ReplacedZoneSetReclaimedTest {
  private static final String ADVICE = "G1 without -XX:+ExplicitGCInvokesConcurrent";
  private static final String SHENANDOAH_ADVICE = "it will collect without end";

  @TempDir Path dir;

  @Test
  void aReloadThatReplacesZonesStartsAConcurrentCycle() throws Exception {
    Path zones = ExampleZones.exampleFolder(Files.createDirectories(dir.resolve("zones")));
    try (ServeProcess p =
        serve(zones, "-XX:+UseG1GC", "-XX:+ExplicitGCInvokesConcurrent", "-Xlog:gc:stderr")) {
      p.awaitLine("reloads");
      String atStartup = p.awaitLine("(System.gc())");
      assertTrue(atStartup.contains("Concurrent Start"), atStartup);
      assertTrue(p.indexOf(ADVICE) < 0, p.log().toString());
      ExampleZones.write(zones, "example.test.", ExampleZones.exampleTest(8));
      p.signal("HUP");
      p.awaitLine("serving folder tree");
      Await.until("a cycle after the reload: " + p.log(), () -> lines(p, "(System.gc())") == 2);
    }
  }

  @Test
  void withoutTheOptionNothingIsAskedAndTheLogSaysWhy() throws Exception {
    Path zones = ExampleZones.exampleFolder(Files.createDirectories(dir.resolve("zones")));
    try (ServeProcess p = serve(zones, "-XX:+UseG1GC", "-Xlog:gc:stderr")) {
      String advice = p.awaitLine(ADVICE);
      assertTrue(advice.contains("WARN") && advice.contains("README"), advice);
      p.awaitLine("reloads");
      assertEquals(0, lines(p, "System.gc()"), p.log().toString());
    }
  }

  @Test
  void shenandoahAimingAtTooSmallAHeapIsWarnedOf() throws Exception {
    requireShenandoah();
    Path zones = ExampleZones.exampleFolder(Files.createDirectories(dir.resolve("zones")));
    // 100 MB is below 1/18 of 2 GB (113 MB): Shenandoah's reserve alone leaves too little free.
    try (ServeProcess p =
        serve(zones, "-XX:+UseShenandoahGC", "-Xmx2g", "-XX:SoftMaxHeapSize=100m")) {
      String advice = p.awaitLine(SHENANDOAH_ADVICE);
      assertTrue(advice.contains("WARN") && advice.contains("-Xmx"), advice);
    }
    try (ServeProcess p =
        serve(zones, "-XX:+UseShenandoahGC", "-Xmx2g", "-XX:SoftMaxHeapSize=200m")) {
      p.awaitLine("reloads");
      assertEquals(0, lines(p, SHENANDOAH_ADVICE), p.log().toString());
    }
  }

  /** Skips (fails under CI=true) where this JVM has no Shenandoah, as some builds do not. */
  private static void requireShenandoah() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseShenandoahGC",
                "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (p.waitFor() != 0) {
      Missing.skipOrFail(
          "ReplacedZoneSetReclaimedTest.shenandoahAimingAtTooSmallAHeapIsWarnedOf SKIPPED: this"
              + " JVM has no Shenandoah (-XX:+UseShenandoahGC)");
    }
  }

  private ServeProcess serve(Path zones, String... jvmOptions) throws Exception {
    return ServeProcess.start(dir, false, List.of(jvmOptions), zones);
  }

  /** How many of the process's log lines contain {@code text}. */
  private static long lines(ServeProcess p, String text) {
    return p.log().stream().filter(l -> l.contains(text)).count();
  }
}
