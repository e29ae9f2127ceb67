package net.anycastdns.server.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.util.List;
import java.util.Map;
import net.anycastdns.server.NameServer;
import net.anycastdns.server.config.ServerConfigReader;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The training run of the class-data archive that the build writes beside the jar ({@code
 * server/target/anycast-dns.jsa}, the JDK's application class-data sharing) and that the README's
 * run command names: with it, the JVM maps the classes a start of {@code serve} needs, already
 * parsed and verified, instead of reading, verifying and linking them one by one out of the jar.
 * That saves about half a second of CPU at every start, most of what the server's own code costs
 * before its zones load (README, "Memory and JVM options").
 *
 * <p>The build runs {@code java -XX:ArchiveClassesAtExit=anycast-dns.jsa -cp anycast-dns.jar
 * net.anycastdns.server.cli.ClassArchiveTraining ZONE-FOLDER}: this starts a server on the folder
 * as {@code serve} does, on ephemeral loopback ports, asks it one query over UDP and one over TCP
 * and GET /metrics, and stops it; the JVM writes the classes loaded as it exits. A JVM that finds
 * the archive made by another JVM, or for another jar, ignores it.
 */
public final class ClassArchiveTraining {
  private ClassArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ClassArchiveTraining ZONE-FOLDER");
    }
    ServerConfigReader.Loaded loaded =
        ServerConfigReader.read(
            null,
            Map.of(
                "zones", List.of(args[0]),
                "listen", List.of("127.0.0.1:0"),
                "http", List.of("127.0.0.1:0"),
                "threads", List.of("1")));
    try (NameServer server = NameServer.start(loaded)) {
      InetSocketAddress dns = server.dnsAddresses().get(0);
      Name apex = server.servingState().zones().zones().get(0).origin();
      byte[] query = Message.newQuery(Record.newRecord(apex, Type.SOA, DClass.IN)).toWire();
      try (DatagramSocket udp = new DatagramSocket()) {
        udp.setSoTimeout(5_000);
        udp.send(new DatagramPacket(query, query.length, dns));
        udp.receive(new DatagramPacket(new byte[4096], 4096));
      }
      try (Socket tcp = new Socket(dns.getAddress(), dns.getPort())) {
        tcp.setSoTimeout(5_000);
        DataOutputStream out = new DataOutputStream(tcp.getOutputStream());
        out.writeShort(query.length);
        out.write(query);
        out.flush();
        DataInputStream in = new DataInputStream(tcp.getInputStream());
        in.readFully(new byte[in.readUnsignedShort()]);
      }
      InetSocketAddress http = server.httpAddress();
      try (InputStream metrics =
          new URL("http://127.0.0.1:" + http.getPort() + "/metrics").openStream()) {
        metrics.readAllBytes();
      }
    }
  }
}
