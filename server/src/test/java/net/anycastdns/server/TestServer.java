package net.anycastdns.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.anycastdns.server.config.ZonePolicy;
import net.anycastdns.server.query.QueryProcessor;
import net.anycastdns.server.query.QueryWorkspace;
import net.anycastdns.server.query.ResponseAssembler;
import net.anycastdns.server.query.ServerIdentity;
import net.anycastdns.server.query.ServingState;
import net.anycastdns.server.query.ServingStateHolder;
import net.anycastdns.server.tsig.TsigKeyring;
import net.anycastdns.zones.ZoneDirectoryLoader;
import net.anycastdns.zones.ZoneSet;
import net.anycastdns.zones.ZoneSnapshot;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A {@link QueryProcessor} over inline zones, driven without sockets: a query goes in as a dnsjava
 * {@link Message} or raw bytes, the response comes back as bytes and, parsed, as a Message.
 */
public final class TestServer {
  public static final String IDENTITY = "test-pop-1";
  public static final String VERSION = "anycast-dns test";

  /** Our EDNS UDP payload size, the default of {@code serve}. */
  public static final int MAX_UDP = 1232;

  /** A small zone with an answer, a CNAME, a delegation with glue and a second address type. */
  public static final String EXAMPLE_ORG =
      """
      $TTL 3600
      @        IN SOA  ns1 hostmaster 2024010101 7200 3600 1209600 300
      @        IN NS   ns1
      @        IN NS   ns2.example.net.
      @        IN MX   10 mail
      ns1      IN A    192.0.2.53
      mail     IN A    192.0.2.25
      www      IN A    192.0.2.1
      www      IN AAAA 2001:db8::1
      alias    IN CNAME www
      sub      IN NS   ns.sub
      ns.sub   IN A    192.0.2.99
      """;

  private final QueryProcessor processor;
  private final QueryWorkspace ws = new QueryWorkspace();

  private TestServer(QueryProcessor processor) {
    this.processor = processor;
  }

  /** example.org. from {@code zoneText}, identity {@link #IDENTITY}, version {@link #VERSION}. */
  public static TestServer of(String zoneText) {
    return of(new ServerIdentity(IDENTITY, VERSION), MAX_UDP, zone("example.org.", zoneText));
  }

  public static TestServer of(ServerIdentity identity, int maxUdp, ZoneSnapshot... zones) {
    return new TestServer(processor(identity, maxUdp, zones));
  }

  /** A processor serving {@code zones}. */
  public static QueryProcessor processor(
      ServerIdentity identity, int maxUdp, ZoneSnapshot... zones) {
    return new QueryProcessor(serving(zones), new ResponseAssembler(identity, maxUdp));
  }

  /** A holder serving {@code zones} (generation 1), with the default policies and no GeoDNS. */
  public static ServingStateHolder serving(ZoneSnapshot... zones) {
    ServingStateHolder holder = new ServingStateHolder();
    holder.publish(
        new ServingState(
            ZoneSet.of(List.of(zones), 1),
            null,
            Collections.nCopies(zones.length, ZonePolicy.DEFAULTS),
            TsigKeyring.EMPTY));
    return holder;
  }

  /** Compiles an inline zone; fails the test when it has an error. */
  public static ZoneSnapshot zone(String origin, String text) {
    Name name;
    try {
      name = Name.fromString(origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
    ZoneDirectoryLoader.ZoneLoad load =
        ZoneDirectoryLoader.load(origin + "zone", name, text.getBytes(StandardCharsets.UTF_8));
    if (!load.ok()) {
      fail("test zone " + origin + " does not load: " + load.problems());
    }
    return load.zone();
  }

  public QueryProcessor processor() {
    return processor;
  }

  /** Sends {@code query} as if over UDP. */
  public Response udp(Message query) {
    return send(query.toWire(), false);
  }

  /** Sends {@code query} as if over TCP. */
  public Response tcp(Message query) {
    return send(query.toWire(), true);
  }

  /** Sends raw bytes. */
  public Response send(byte[] request, boolean tcp) {
    System.arraycopy(request, 0, ws.request(), 0, request.length);
    int n = processor.process(ws, request.length, tcp, InetAddress.getLoopbackAddress());
    return new Response(request, n < 0 ? null : Arrays.copyOf(ws.response(), n));
  }

  /** One response: its wire form (null when the query was dropped) and, parsed, its message. */
  public record Response(byte[] request, byte[] wire) {
    public boolean dropped() {
      return wire == null;
    }

    public int length() {
      return wire.length;
    }

    /** The response parsed by dnsjava; fails the test when it does not parse. */
    public Message message() {
      assertTrue(wire != null, "the query was dropped");
      try {
        return new Message(wire);
      } catch (IOException e) {
        throw new AssertionError("response does not parse: " + e + "\n" + hex(wire), e);
      }
    }

    public int u16(int offset) {
      return ((wire[offset] & 0xff) << 8) | (wire[offset + 1] & 0xff);
    }
  }

  public static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      sb.append(String.format("%02x", b[i] & 0xff)).append(i % 16 == 15 ? "\n" : " ");
    }
    return sb.toString();
  }
}
