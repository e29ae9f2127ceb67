package net.anycastdns.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.server.config.ServerConfig;
import net.anycastdns.server.config.SourceConfig;
import net.anycastdns.server.reload.Revision;
import net.anycastdns.server.reload.ServedRevision;
import net.anycastdns.server.reload.ZoneSetLoader;
import net.anycastdns.server.reload.ZoneSource;
import net.anycastdns.server.reload.ZoneSources;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check DIR} or {@code check --config FILE}: loads the zones (and geo.yaml) as {@code serve}
 * would load them, through the same loader, and lists every problem; with a configuration file, the
 * file's own problems first.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Validate every NAME.zone file of the zone folder, and geo.yaml if there is one, with the"
            + " checks 'serve' applies; with --config, the configuration file too, and the zones"
            + " it names (a git repository is fetched). Prints one 'file:line: message' per"
            + " problem and a summary on standard output; exits 0 when every zone can be served,"
            + " 1 when any has an error (warnings alone do not fail), 2 on usage errors.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "Folder of NAME.zone files (instead of --config).")
  Path dir;

  @Option(
      names = "--config",
      paramLabel = "FILE.yaml",
      description = "The configuration of 'serve' to check, with the zones it names.")
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ConfigException {
    if ((dir == null) == (config == null)) {
      throw new UsageException(
          "give a zone folder DIR or --config FILE, one of the two (see '"
              + spec.qualifiedName()
              + " --help')");
    }
    Map<String, List<String>> flags =
        dir == null ? Map.of() : Map.of("zones", List.of(dir.toString()));
    ServerConfig cfg = CommandLineFlags.read(spec, config, flags).config();
    PrintWriter out = spec.commandLine().getOut();
    Revision revision;
    try (ZoneSource source = ZoneSources.open(cfg.source())) {
      revision = source.latest();
    } catch (IOException e) {
      throw new UsageException(e.getMessage(), e);
    }
    // The first load's rules: every problem is found, zones with errors are left out; and every
    // signature of a signed zone verified, which a reload has no time for.
    ZoneSetLoader.Load load =
        ZoneSetLoader.load(
            revision, ServedRevision.EMPTY, cfg.policies(), cfg.pop(), ZoneSetLoader.Mode.CHECK, 0);
    Path base = cfg.source() instanceof SourceConfig.Folder f ? f.dir() : null;
    for (ZoneProblem p : load.problems()) {
      out.println(
          (p.file().isEmpty()
                  ? ""
                  : (base == null ? p.file() : base.resolve(p.file())) + ":" + p.line() + ": ")
              + (p.isError() ? "" : "warning: ")
              + p.message());
    }
    long files =
        revision.files().stream().filter(f -> ZoneDirectoryLoader.isZoneFile(f.name())).count();
    int ok = load.refused() ? 0 : load.state().zones().zones().size();
    boolean errors = load.refused() || !load.errors().isEmpty();
    out.println(ok + " of " + files + " zones ok" + geoSummary(load));
    out.flush();
    return errors ? 1 : 0;
  }

  private static String geoSummary(ZoneSetLoader.Load load) {
    if (load.errors().stream().anyMatch(p -> p.file().endsWith(ZoneSetLoader.GEO_FILE))) {
      return ", " + ZoneSetLoader.GEO_FILE + " has problems";
    }
    return load.refused() || load.state().geo() == null
        ? ""
        : ", " + ZoneSetLoader.GEO_FILE + " ok";
  }
}
