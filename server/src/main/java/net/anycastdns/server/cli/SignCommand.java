package net.anycastdns.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.server.config.ZonePolicy;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneProblem;
import net.anycastdns.zones.ZoneSigning;
import net.anycastdns.zones.ZoneWriter;
import net.anycastdns.zones.keys.KeyFolder;
import net.anycastdns.zones.keys.SigningKey;
import org.xbill.DNS.Name;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sign --keys DIR ZONEFILE [-o OUT]}: signs one zone file exactly as {@code serve} signs it
 * (the same loader, checks and signer) and writes the signed zone, for operators who want to see or
 * archive what their PoPs serve.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Sign the zone file NAME.zone with the keys of NAME. in the key folder, as 'serve' signs"
            + " it, and write the signed zone (to standard output, or to -o). The signing policy"
            + " (NSEC or NSEC3, validity) is the dnssec section of --config, for that zone;"
            + " without it the defaults. Problems go to standard error, one line each; exits 0"
            + " when the zone was signed, 1 when it could not be, 2 on usage errors.")
final class SignCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ZONEFILE", description = "The zone file, NAME.zone.")
  Path zoneFile;

  @Option(
      names = "--keys",
      required = true,
      paramLabel = "DIR",
      description = "The key folder: K<zone>.+<alg>+<tag>.key and .private pairs (BIND format).")
  Path keys;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "Write the signed zone here instead of standard output.")
  Path output;

  @Option(
      names = "--config",
      paramLabel = "FILE.yaml",
      description = "The configuration of 'serve' whose dnssec settings sign the zone.")
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws ConfigException, IOException {
    String fileName = zoneFile.getFileName().toString();
    Name zone = ZoneDirectoryLoader.zoneName(fileName);
    if (zone == null) {
      throw new UsageException(
          fileName
              + ": a zone file is named NAME.zone after its zone (see '"
              + spec.qualifiedName()
              + " --help')");
    }
    if (!Files.isDirectory(keys)) {
      throw new UsageException("--keys: " + keys + " is not a folder");
    }
    ZonePolicy policy =
        config == null
            ? ZonePolicy.DEFAULTS
            : CommandLineFlags.read(spec, config, Map.of("zones", List.of(folderOf(zoneFile))))
                .config()
                .policies()
                .of(zone);
    PrintWriter err = spec.commandLine().getErr();
    KeyFolder.Contents contents = KeyFolder.read(keys);
    contents.problems().forEach(err::println);
    List<ZoneProblem> keyErrors = contents.zoneErrors().getOrDefault(zone, List.of());
    List<SigningKey> zoneKeys = contents.keys().get(zone);
    if (!keyErrors.isEmpty() || zoneKeys == null) {
      keyErrors.forEach(err::println);
      if (zoneKeys == null && keyErrors.isEmpty()) {
        err.println(keys + ": no key of zone " + zone);
      }
      err.flush();
      return 1;
    }
    Clock clock = Clock.systemUTC();
    ZoneDirectoryLoader.ZoneLoad load =
        ZoneDirectoryLoader.load(
            fileName,
            zone,
            Files.readAllBytes(zoneFile),
            new ZoneDirectoryLoader.Options(clock, false),
            new ZoneSigning(zoneKeys, policy.signing(), clock.instant(), null));
    load.problems().forEach(err::println);
    err.flush();
    if (!load.ok()) {
      return 1;
    }
    if (load.zone().dnssec().online() == null) {
      err.println(fileName + ": the zone arrived signed; written as it came, not signed again");
    }
    String text = ZoneWriter.write(load.zone());
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    }
    err.flush();
    return 0;
  }

  /** The zone file's folder, given as the configuration's zones so that it need name none. */
  private static String folderOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? "/" : parent.toString();
  }
}
