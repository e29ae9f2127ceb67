package net.anycastdns.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import net.anycastdns.common.IpLiterals;
import net.anycastdns.common.cli.UsageException;
import net.anycastdns.common.yaml.ConfigException;
import net.anycastdns.geo.ClientSubnet;
import net.anycastdns.geo.GeoConfig;
import net.anycastdns.geo.GeoDecision;
import net.anycastdns.geo.GeoResolver;
import net.anycastdns.geo.GeoService;
import net.anycastdns.geo.HealthView;
import net.anycastdns.server.config.ServerConfig;
import net.anycastdns.server.config.ServerConfigReader;
import net.anycastdns.server.reload.Revision;
import net.anycastdns.server.reload.ServedRevision;
import net.anycastdns.server.reload.ZoneSetLoader;
import net.anycastdns.server.reload.ZoneSource;
import net.anycastdns.server.reload.ZoneSources;
import net.anycastdns.zones.WireName;
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
      description = "Zone folder with geo.yaml (default: ${DEFAULT-VALUE}).")
  Path zones = Path.of("test-zones");

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
  public Integer call() throws ConfigException {
    int qtype =
        switch (type.toUpperCase(Locale.ROOT)) {
          case "A" -> 1;
          case "AAAA" -> 28;
          default -> throw new UsageException("TYPE must be A or AAAA, not " + type);
        };
    ClientSubnet subnet = parseClient(client);
    GeoResolver resolver = resolver();
    String absolute = name.endsWith(".") ? name : name + ".";
    GeoService service = resolver.service(WireName.of(absolute.toLowerCase(Locale.ROOT)));
    if (service == null) {
      throw new UsageException(
          absolute
              + " is not a service of "
              + ZoneSetLoader.GEO_FILE
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
          "answer:    NODATA (no PoP of the service has "
              + type.toUpperCase(Locale.ROOT)
              + " addresses)");
    }
    for (byte[] rdata : d.rdata()) {
      out.println(
          "answer:    "
              + absolute
              + " "
              + d.ttl()
              + " IN "
              + type.toUpperCase(Locale.ROOT)
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

  /** GeoDNS as {@code serve} would load it from the folder: zones and geo.yaml together. */
  private GeoResolver resolver() throws ConfigException {
    ServerConfig cfg =
        ServerConfigReader.read(null, Map.of("zones", List.of(zones.toString()))).config();
    Revision revision;
    try (ZoneSource source = ZoneSources.open(cfg.source())) {
      revision = source.latest();
    } catch (IOException e) {
      throw new UsageException(e.getMessage(), e);
    }
    ZoneSetLoader.Load load =
        ZoneSetLoader.load(
            revision, ServedRevision.EMPTY, cfg.policies(), pop, ZoneSetLoader.Mode.STRICT, 0);
    if (load.refused()) {
      throw new UsageException(
          zones
              + " has problems ("
              + load.errors().get(0)
              + (load.errors().size() > 1 ? ", ..." : "")
              + "); run 'check "
              + zones
              + "'");
    }
    GeoConfig geo = load.state().geo();
    if (geo == null) {
      throw new UsageException("no " + ZoneSetLoader.GEO_FILE + " in " + zones);
    }
    return GeoResolver.create(geo, pop, HealthView.ALL_HEALTHY);
  }

  /** ADDRESS/PREFIX as an ECS subnet (host bits cleared), or a bare ADDRESS as the resolver. */
  private static ClientSubnet parseClient(String s) {
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    byte[] octets = IpLiterals.parse(host);
    if (octets == null) {
      throw new UsageException("bad client address '" + s + "': not an IP address");
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
      throw new UsageException("bad prefix in '" + s + "'");
    }
    if (prefix < 0 || prefix > full.maxPrefix()) {
      throw new UsageException("prefix /" + prefix + " is too long for " + host);
    }
    byte[] truncated = Arrays.copyOf(octets, (prefix + 7) / 8);
    if (prefix % 8 != 0) {
      truncated[truncated.length - 1] &= (byte) (0xff << (8 - prefix % 8));
    }
    return ClientSubnet.fromEcs(full.family(), prefix, truncated);
  }
}
