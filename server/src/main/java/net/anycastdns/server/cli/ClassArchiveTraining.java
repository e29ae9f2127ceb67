package net.anycastdns.server.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.anycastdns.common.cli.CommandLineRunner;
import net.anycastdns.server.NameServer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import picocli.CommandLine;

/**
 * The training run of the class-data archive that the build writes beside the jar ({@code
 * server/target/anycast-dns.jsa}, the JDK's application class-data sharing) and that the README's
 * run command names: with it, the JVM maps the classes a start of {@code serve} needs, already
 * parsed, verified and linked, instead of reading, verifying and linking them one by one out of the
 * jar. That saves about half a second of CPU at every start, most of what the server's own code
 * costs before its zones load (README, "Memory and JVM options").
 *
 * <p>{@code java -cp anycast-dns.jar net.anycastdns.server.cli.ClassArchiveTraining ZONE-FOLDER} is
 * the training: it reads the command line {@code serve --zones ZONE-FOLDER} as a start does, starts
 * a server on it on ephemeral loopback ports, asks it one query over UDP and one over TCP and GET
 * /metrics, and stops it. The JDK 25 AOT cache of the Docker image is made from it as it is.
 *
 * <p>{@code ... ClassArchiveTraining --write ARCHIVE ZONE-FOLDER} makes the archive for the JVM it
 * runs on: the training, in a JVM of its own, lists the classes it loaded ({@code
 * -XX:DumpLoadedClassList}), and {@code java -Xshare:dump} writes them into ARCHIVE with the JDK's
 * own. A static archive rather than the one a JVM writes as it exits ({@code
 * -XX:ArchiveClassesAtExit}): that one leaves out picocli's classes, built for Java 5, which every
 * start then reads out of the jar and verifies the old, slow way: 40 to 110 ms of a start's
 * wall-clock time, 60 to 120 ms of its CPU and 2 to 5 MB of its peak memory on the 2-core machine
 * (bench/RESULTS.md, run 9). A JVM that finds the archive made by another JVM, or for another jar,
 * ignores it.
 */
public final class ClassArchiveTraining {
  private ClassArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--write")) {
      write(Path.of(args[1]), args[2]);
    } else if (args.length == 1) {
      train(args[0]);
    } else {
      throw new IllegalArgumentException(
          "usage: ClassArchiveTraining [--write ARCHIVE] ZONE-FOLDER");
    }
  }

  private static void train(String zones) throws Exception {
    String[] serve = {
      "serve",
      "--zones",
      zones,
      "--listen",
      "127.0.0.1:0",
      "--http",
      "127.0.0.1:0",
      "--threads",
      "1"
    };
    CommandLine.ParseResult parsed =
        CommandLineRunner.commandLine(new Main(), serve).parseArgs(serve);
    ServeCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
    try (NameServer server = NameServer.start(command.configuration())) {
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

  private static void write(Path archive, String zones) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    Path classList = Files.createTempFile("anycast-dns", ".classlist");
    try {
      run(
          java,
          "-XX:DumpLoadedClassList=" + classList,
          "-cp",
          classPath,
          ClassArchiveTraining.class.getName(),
          zones);
      // G1, the collector of the README's run command: only an archive written with G1 holds the
      // JDK's archived objects (interned strings, class mirrors), and only G1 maps them.
      run(
          java,
          "-Xshare:dump",
          "-XX:+UseG1GC",
          "-XX:SharedClassListFile=" + classList,
          "-XX:SharedArchiveFile=" + archive,
          "-cp",
          classPath);
    } finally {
      Files.deleteIfExists(classList);
    }
  }

  /** Runs {@code command}; its output is shown only when it fails. */
  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + out);
    }
  }
}
