package net.anycastdns.sidecar.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative server for example.com on 127.0.0.1, UDP and TCP on the same port, whose
 * behaviour a test switches ({@link Mode}). Names: {@code example.com.} SOA, {@code
 * www.example.com.} A 192.0.2.10, {@code alias.example.com.} CNAME to www; anything else in the
 * zone is NXDOMAIN.
 */
public final class FakeDnsServer implements AutoCloseable {
  /** How the server behaves. */
  public enum Mode {
    GOOD,
    SERVFAIL,
    NO_AA,
    WRONG_DATA,
    SLOW,
    SILENT
  }

  private static final Name ZONE = name("example.com.");
  private static final Name WWW = name("www.example.com.");
  private static final Name ALIAS = name("alias.example.com.");

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private volatile Mode mode = Mode.GOOD;
  private volatile Duration slowBy = Duration.ofMillis(150);
  private volatile boolean closed;
  private volatile Message lastQuery;
  private final Thread udpThread;
  private final Thread tcpThread;

  public FakeDnsServer() throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; attempt < 20 && t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(lo, 0));
      try {
        t = new ServerSocket(u.getLocalPort(), 16, lo);
      } catch (IOException taken) {
        u.close();
      }
    }
    if (t == null) {
      throw new IOException("no port free for both UDP and TCP");
    }
    udp = u;
    tcp = t;
    udpThread = daemon("fake-dns-udp", this::serveUdp);
    tcpThread = daemon("fake-dns-tcp", this::serveTcp);
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
  }

  public void mode(Mode m) {
    mode = m;
  }

  /** The last query received, for tests of what the sidecar sends. */
  public Message lastQuery() {
    return lastQuery;
  }

  public void slowBy(Duration d) {
    slowBy = d;
  }

  /**
   * Stops serving; when it returns, the port is closed. The JDK keeps a listening socket that is
   * closed while a thread waits in {@code accept()} open until that thread wakes, and accepts
   * connections meanwhile; so the serving threads are waited for.
   */
  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
    try {
      tcpThread.join(2000);
      udpThread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!closed) {
      try {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        udp.receive(p);
        byte[] answer = answer(java.util.Arrays.copyOf(buffer, p.getLength()));
        if (answer != null) {
          udp.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        if (closed) {
          s.close();
          return;
        }
        daemon("fake-dns-tcp-conn", () -> serveConnection(s));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveConnection(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] query = new byte[in.readUnsignedShort()];
      in.readFully(query);
      byte[] answer = answer(query);
      if (answer == null) {
        Thread.sleep(2000);
        return;
      }
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(answer.length);
      out.write(answer);
      out.flush();
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private byte[] answer(byte[] wire) throws IOException {
    Message q = new Message(wire);
    lastQuery = q;
    Mode m = mode;
    if (m == Mode.SILENT) {
      return null;
    }
    if (m == Mode.SLOW) {
      try {
        Thread.sleep(slowBy.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    if (m != Mode.NO_AA) {
      r.getHeader().setFlag(Flags.AA);
    }
    if (m == Mode.SERVFAIL) {
      r.getHeader().setRcode(Rcode.SERVFAIL);
      return r.toWire();
    }
    Record question = q.getQuestion();
    Name qname = question.getName();
    int qtype = question.getType();
    String address = m == Mode.WRONG_DATA ? "192.0.2.99" : "192.0.2.10";
    if (qname.equals(ZONE) && qtype == Type.SOA) {
      r.addRecord(soa(), Section.ANSWER);
    } else if (qname.equals(WWW) && qtype == Type.A) {
      r.addRecord(new ARecord(WWW, DClass.IN, 300, InetAddress.getByName(address)), Section.ANSWER);
    } else if (qname.equals(ALIAS) && qtype == Type.A) {
      r.addRecord(new CNAMERecord(ALIAS, DClass.IN, 300, WWW), Section.ANSWER);
      r.addRecord(new ARecord(WWW, DClass.IN, 300, InetAddress.getByName(address)), Section.ANSWER);
    } else if (qname.subdomain(ZONE)
        && !qname.equals(ZONE)
        && !qname.equals(WWW)
        && !qname.equals(ALIAS)) {
      r.getHeader().setRcode(Rcode.NXDOMAIN);
      r.addRecord(soa(), Section.AUTHORITY);
    } else if (!qname.subdomain(ZONE)) {
      r.getHeader().unsetFlag(Flags.AA);
      r.getHeader().setRcode(Rcode.REFUSED);
    } else {
      r.addRecord(soa(), Section.AUTHORITY);
    }
    return r.toWire();
  }

  private static SOARecord soa() {
    return new SOARecord(
        ZONE,
        DClass.IN,
        300,
        name("ns1.example.com."),
        name("hostmaster.example.com."),
        1,
        3600,
        900,
        604800,
        300);
  }

  private static Name name(String s) {
    try {
      return Name.fromString(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
