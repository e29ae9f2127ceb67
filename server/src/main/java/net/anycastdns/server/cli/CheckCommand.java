package net.anycastdns.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.anycastdns.geo.GeoProblem;
import net.anycastdns.server.query.GeoFolder;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneProblem;
import net.anycastdns.zones.ZoneSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code check DIR}: validates every zone of a folder, as {@code serve} would load it. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validate every NAME.zone file in DIR, and geo.yaml if there is one, with the checks",
      "'serve' applies at load.",
      "Prints one 'file:line: message' per problem; exits 0 when every zone can be served,",
      "1 when any has an error (warnings alone do not fail), 2 on usage errors."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of NAME.zone files.")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new Main.UsageException("not a folder: " + dir);
    }
    ZoneDirectoryLoader.DirectoryLoad load;
    try {
      load = ZoneDirectoryLoader.load(dir);
    } catch (IOException e) {
      throw new Main.UsageException("cannot read " + dir + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (ZoneProblem p : load.problems()) {
      out.println(
          dir.resolve(p.file())
              + ":"
              + p.line()
              + ": "
              + (p.isError() ? "" : "warning: ")
              + p.message());
    }
    // geo.yaml is checked against the zones that load, as serve would check it.
    GeoFolder.Loaded geo = GeoFolder.load(dir, ZoneSet.of(load.snapshots(), 0));
    for (GeoProblem p : geo.problems()) {
      out.println(dir.resolve(p.file()) + ":" + p.line() + ": " + p.message());
    }
    long ok = load.zones().stream().filter(ZoneDirectoryLoader.ZoneLoad::ok).count();
    out.flush();
    spec.commandLine()
        .getErr()
        .println(
            ok
                + " of "
                + load.zones().size()
                + " zones ok"
                + (geo.present()
                    ? ", " + GeoFolder.FILE + " ok"
                    : geo.problems().isEmpty() ? "" : ", " + GeoFolder.FILE + " has problems"));
    return load.allLoaded() && geo.problems().isEmpty() ? 0 : 1;
  }
}
