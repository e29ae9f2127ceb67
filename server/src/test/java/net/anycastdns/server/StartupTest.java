package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.anycastdns.server.testing.ExampleZones;
import net.anycastdns.server.testing.ServeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a starting {@code serve} process: it binds, loads, warms the query path
 * up and only then serves, and then says what each zone holds; and SIGHUP, which a process started
 * under {@code nohup} cannot handle, is said to be unavailable instead of silently doing nothing.
 */
class StartupTest {
  @TempDir Path dir;

  private ServeProcess serve(boolean nohup) throws Exception {
    Path zones = ExampleZones.exampleFolder(Files.createDirectories(dir.resolve("zones")));
    return ServeProcess.start(dir, nohup, List.of(), zones);
  }

  @Test
  void bindsThenLoadsThenWarmsUpThenServesThenListsTheZones() throws Exception {
    try (ServeProcess p = serve(false)) {
      p.awaitLine("zone example.test. loaded");
      int bound = p.indexOf("listening on 127.0.0.1:");
      int loaded = p.indexOf("zones loaded from");
      int warm = p.indexOf("query path warmed up with");
      int serving = p.indexOf("serving as");
      int zone = p.indexOf("zone example.test. loaded");
      assertTrue(
          0 <= bound && bound < loaded && loaded < warm && warm < serving && serving < zone,
          p.log().toString());
      assertTrue(
          p.awaitLine("reloads").contains("SIGHUP or POST /sync reloads"), p.log().toString());
    }
  }

  @Test
  void underNohupSighupIsSaidToBeUnavailable() throws Exception {
    try (ServeProcess p = serve(true)) {
      String warning = p.awaitLine("SIGHUP is ignored by this process");
      assertTrue(warning.contains("use POST /sync"), warning);
      assertTrue(p.awaitLine("reloads").contains("POST /sync reloads"), p.log().toString());
      // The signal the operator sends anyway changes nothing and ends nothing.
      p.signal("HUP");
      p.awaitLine("serving as");
      assertTrue(p.isAlive(), p.log().toString());
    }
  }
}
