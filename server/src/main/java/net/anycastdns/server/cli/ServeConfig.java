package net.anycastdns.server.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --config FILE.yaml} of {@code serve}: the same settings as the flags, under the same
 * names without the dashes in front. Every key is optional; a flag given on the command line wins.
 *
 * <pre>
 * zones: /etc/anycast-dns/zones
 * # or, instead of zones, a git repository:
 * # zones-git: ssh://git@git.example.net/dns/zones.git
 * # git-branch: main
 * # git-path: zones
 * # git-poll: 30s
 * # git-dir: /var/lib/anycast-dns/git
 * serial-policy: strict
 * listen: ["192.0.2.53:53", "[2001:db8::53]:53"]
 * identity: fra1-a
 * server-version: "anycast-dns"
 * hide-version: false
 * edns-udp-size: 1232
 * tcp-idle-timeout: 10s
 * tcp-max-connections: 1000
 * threads: 2
 * http: 127.0.0.1:9153
 * pop: fra1
 * log-format: json
 * query-log: 1000
 * </pre>
 */
final class ServeConfig {
  @JsonProperty("zones")
  String zones;

  @JsonProperty("zones-git")
  String zonesGit;

  @JsonProperty("git-branch")
  String gitBranch;

  @JsonProperty("git-path")
  String gitPath;

  @JsonProperty("git-poll")
  String gitPoll;

  @JsonProperty("git-dir")
  String gitDir;

  @JsonProperty("serial-policy")
  String serialPolicy;

  @JsonProperty("listen")
  List<String> listen;

  @JsonProperty("identity")
  String identity;

  @JsonProperty("server-version")
  String serverVersion;

  @JsonProperty("hide-version")
  Boolean hideVersion;

  @JsonProperty("edns-udp-size")
  Integer ednsUdpSize;

  @JsonProperty("tcp-idle-timeout")
  String tcpIdleTimeout;

  @JsonProperty("tcp-max-connections")
  Integer tcpMaxConnections;

  @JsonProperty("threads")
  Integer threads;

  @JsonProperty("http")
  String http;

  @JsonProperty("pop")
  String pop;

  @JsonProperty("log-format")
  String logFormat;

  @JsonProperty("query-log")
  Integer queryLog;

  /** Reads a config file; every problem becomes a one-line {@link Main.UsageException}. */
  static ServeConfig read(Path file) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (JsonParser parser = yaml.createParser(file.toFile())) {
      // A file with nothing set (empty, or comments only) has no content at all for Jackson,
      // which it would report as an error; every key being optional, it means the defaults.
      if (parser.nextToken() == null) {
        return new ServeConfig();
      }
      ServeConfig c = yaml.readValue(parser, ServeConfig.class);
      return c == null ? new ServeConfig() : c;
    } catch (UnrecognizedPropertyException e) {
      throw new Main.UsageException(
          file + ": unknown key '" + e.getPropertyName() + "'" + location(e));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Main.UsageException(file + ": " + e.getOriginalMessage() + location(e));
    } catch (IOException e) {
      throw new Main.UsageException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }
}
