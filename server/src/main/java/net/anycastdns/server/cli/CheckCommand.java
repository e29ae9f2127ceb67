package net.anycastdns.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code check DIR}: validates every zone of a folder, as {@code serve} would load it. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validate every NAME.zone file in DIR with the checks 'serve' applies at load.",
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
      out.println(dir.resolve(p.file()) + ":" + p.line() + ": "
          + (p.isError() ? "" : "warning: ") + p.message());
    }
    long ok = load.zones().stream().filter(ZoneDirectoryLoader.ZoneLoad::ok).count();
    out.flush();
    spec.commandLine().getErr().println(ok + " of " + load.zones().size() + " zones ok");
    return load.allLoaded() ? 0 : 1;
  }
}
