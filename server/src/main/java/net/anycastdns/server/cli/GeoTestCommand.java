package net.anycastdns.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import net.anycastdns.geo.ClientSubnet;
import net.anycastdns.geo.GeoDecision;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.geo.GeoService;
import net.anycastdns.geo.HealthView;
import net.anycastdns.geo.IpLiterals;
import net.anycastdns.server.query.GeoFolder;
import net.anycastdns.zones.WireName;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo-test}: how GeoDNS answers one client, as {@code gdnsd_geoip_test} shows it for gdnsd:
 * the location found, the PoP order, the answer and the ECS scope.
 */
@Command(
    name = "geo-test",
    mixinStandardHelpOptions = true,
    description = {
      "Show how GeoDNS answers a client: location, PoP order, answer and ECS scope.",
      "ADDRESS/PREFIX is the client subnet as an ECS option would carry it; a bare ADDRESS is",
      "the resolver's own address. Health checks are not run: every address counts as up,",
      "and the PoPs under 'down:' are skipped."
    })
final class GeoTestCommand implements Callable<Integer> {
  @Option(
      names = "--zones",
      paramLabel = "DIR",
      description = "Zone folder with geo.yaml (default: " + ServeCommand.DEFAULT_ZONES + ").")
  Path zones = Path.of(ServeCommand.DEFAULT_ZONES);

  @Option(names = "--pop", paramLabel = "NAME", description = "Answer as the server of this PoP.")
  String pop;

  @Parameters(index = "0", paramLabel = "ADDRESS[/PREFIX]", description = "The client.")
  String client;

  @Parameters(index = "1", paramLabel = "NAME", description = "A service name of geo.yaml.")
  String name;

  @Parameters(
      index = "2",
      paramLabel = "TYPE",
      defaultValue = "A",
      description = "A or AAAA (default: A).")
  String type;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    int qtype =
        switch (type.toUpperCase()) {
          case "A" -> 1;
          case "AAAA" -> 28;
          default -> throw new Main.UsageException("TYPE must be A or AAAA, not " + type);
        };
    ClientSubnet subnet = parseClient(client);
    GeoResolver resolver = resolver();
    String absolute = name.endsWith(".") ? name : name + ".";
    GeoService service = resolver.service(WireName.of(absolute.toLowerCase()));
    if (service == null) {
      throw new Main.UsageException(
          absolute
              + " is not a service of "
              + GeoFolder.FILE
              + " ("
              + String.join(", ", resolver.config().serviceNames())
              + ")");
    }
    GeoDecision d = resolver.decide(service, subnet, qtype);
    PrintWriter out = spec.commandLine().getOut();
    out.println("client:    " + client + (client.contains("/") ? " (ECS)" : " (resolver address)"));
    out.println("location:  " + d.location());
    out.println("pop order: " + String.join(" ", d.popOrder()));
    out.println(
        "answered:  "
            + (d.pops().isEmpty() ? "none" : String.join(" ", d.pops()))
            + (d.failOpen() ? " (fail open: every PoP down or failing)" : ""));
    if (d.rdata().length == 0) {
      out.println(
          "answer:    NODATA (no PoP of the service has " + type.toUpperCase() + " addresses)");
    }
    for (byte[] rdata : d.rdata()) {
      out.println(
          "answer:    "
              + absolute
              + " "
              + d.ttl()
              + " IN "
              + type.toUpperCase()
              + " "
              + IpLiterals.format(rdata));
    }
    out.println(
        "scope:     /"
            + d.scopePrefix()
            + (client.contains("/") ? "" : " (sent only to resolvers that send ECS)"));
    out.flush();
    return 0;
  }

  private GeoResolver resolver() {
    if (!Files.isDirectory(zones)) {
      throw new Main.UsageException("zone folder " + zones + " is not a folder");
    }
    ZoneSet set;
    try {
      set = ZoneSet.of(ZoneDirectoryLoader.load(zones).snapshots(), 0);
    } catch (IOException e) {
      throw new Main.UsageException("cannot read " + zones + ": " + e.getMessage());
    }
    GeoFolder.Loaded loaded = GeoFolder.load(zones, set);
    if (!loaded.problems().isEmpty()) {
      throw new Main.UsageException(GeoFolder.FILE + " has problems; run 'check " + zones + "'");
    }
    if (!loaded.present()) {
      throw new Main.UsageException("no " + GeoFolder.FILE + " in " + zones);
    }
    if (pop != null && !loaded.config().hasPop(pop)) {
      throw new Main.UsageException("--pop " + pop + " is not a PoP of " + GeoFolder.FILE);
    }
    return GeoResolver.create(loaded.config(), pop, HealthView.ALL_HEALTHY);
  }

  /** ADDRESS/PREFIX as an ECS subnet (host bits cleared), or a bare ADDRESS as the resolver. */
  private static ClientSubnet parseClient(String s) {
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    byte[] octets = IpLiterals.parse(host);
    if (octets == null) {
      throw new Main.UsageException("bad client address '" + s + "': not an IP address");
    }
    ClientSubnet full =
        octets.length == 4 ? new ClientSubnet(1, octets, 32) : new ClientSubnet(2, octets, 128);
    if (slash < 0) {
      return full;
    }
    int prefix;
    try {
      prefix = Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new Main.UsageException("bad prefix in '" + s + "'");
    }
    if (prefix < 0 || prefix > full.maxPrefix()) {
      throw new Main.UsageException("prefix /" + prefix + " is too long for " + host);
    }
    byte[] truncated = Arrays.copyOf(octets, (prefix + 7) / 8);
    if (prefix % 8 != 0) {
      truncated[truncated.length - 1] &= (byte) (0xff << (8 - prefix % 8));
    }
    return ClientSubnet.fromEcs(full.family(), prefix, truncated);
  }
}
